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

// A picture: the poison batch of LAM202 without a partial batch response, received again every 30 s.
var simulation = new Simulation();
Scenarios.PoisonBatch(partialBatchResponse: false, simulation);
var path = Path.GetFullPath(args.Length > 0 ? args[0] : "lam202-poison-batch.svg");
File.WriteAllText(path, Timeline.Svg("LAM202: a poison message fails its batch of 10 every 30 s until redrive (maxReceiveCount 5)", simulation.Metrics, 160));
Console.WriteLine();
Console.WriteLine($"timeline written to {path}");
