using System.Globalization;
using LambdaAnalyzers.Simulator;
using LambdaAnalyzers.Tour;

// A tour of what the anti-patterns cost, measured in the simulator (seeded: the same numbers every run).
Console.WriteLine("What each anti-pattern costs, before and after its fix (simulated, seed-stable)");
Console.WriteLine();
Console.WriteLine($"{"rule",-12} {"before",8} {"after",8}  measure");
Console.WriteLine(new string('-', 100));
foreach (var consequence in Scenarios.All())
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{consequence.Rule,-12} {consequence.Before,8:N0} {consequence.After,8:N0}  {consequence.Measure}"));
}

// A picture: the poison batch of LAM202 without a partial batch response, received again every 30 s. It
// replaces the README's copy (the same bytes, being seeded), so running the tour leaves the clone unchanged.
var path = Path.GetFullPath(args.Length > 0 ? args[0] : Timeline.PoisonBatchPicturePath() ?? Path.GetFileName(Timeline.PoisonBatchPicture));
File.WriteAllText(path, Timeline.PoisonBatchSvg());
Console.WriteLine();
Console.WriteLine($"timeline written to {path}");
