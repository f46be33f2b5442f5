using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// `keystroke`: what our analyzers add to the IDE's answer after one keystroke. A project of N synthetic handlers
/// plus a 1,000-line handler file; each edit types one character into a method body of that file, which makes a
/// new snapshot (<see cref="Compilation.ReplaceSyntaxTree"/>: every other tree shared with the previous snapshot),
/// and the IDE then asks that document's compiler, syntax and semantic diagnostics from a new
/// <see cref="CompilationWithAnalyzers"/>. Each arm keeps its own chain of snapshots, so neither finds the
/// other's binding in a snapshot; both type the same characters, in alternating order, timed from outside.
/// </summary>
internal static class KeystrokeCost
{
    private const string EditPoint = "input += \"";

    public static void Run(SdkDefaults sdk, int[] sizes, IReadOnlyList<Arm> ours, int edits, int warmUp)
    {
        IReadOnlyList<Arm> arms = [Arm.Floor, .. ours];
        Console.WriteLine("| handlers | SDK defaults, ms: median / p90 | " + string.Join(" | ", ours.Select(a => $"{a.Name}: added ms median / p90 (whole request median)")) + " |");
        Console.WriteLine("|---|---|" + string.Concat(ours.Select(_ => "---|")));
        foreach (var handlers in sizes)
        {
            // The synthetic project has no per-file config, so the edited tree's options are the global ones, as before the edit.
            var (start, options) = sdk.Configure(SyntheticProject.Create(handlers, largeFileLines: 1000), [], new Dictionary<string, string>(), ImmutableArray<AdditionalText>.Empty);
            var snapshots = arms.ToDictionary(a => a, _ => (Compilation)start);
            var times = arms.ToDictionary(a => a, _ => new List<double>());
            for (var edit = 0; edit < warmUp + edits; edit++)
            {
                foreach (var arm in edit % 2 == 0 ? arms : arms.Reverse())
                {
                    var (snapshot, tree) = Type(snapshots[arm], edit);
                    snapshots[arm] = snapshot;
                    var time = AnswerFor(snapshot, tree, sdk.Analyzers.AddRange(arm.Added), options);
                    if (edit >= warmUp)
                    {
                        times[arm].Add(time);
                    }
                }
            }

            var floor = times[Arm.Floor];
            var cells = ours.Select(arm =>
            {
                var added = times[arm].Select((t, i) => t - floor[i]).ToList();
                return $"{Measure.Median(added):N1} / {Measure.Quantile(added, 0.9):N1} ({Measure.Median(times[arm]):N1})";
            });
            Console.WriteLine($"| {handlers:N0} | {Measure.Median(floor):N1} / {Measure.Quantile(floor, 0.9):N1} | {string.Join(" | ", cells)} |");
        }
    }

    /// <summary>One character typed into the string literal of one of the large file's methods (a different one each edit).</summary>
    private static (Compilation Snapshot, SyntaxTree Edited) Type(Compilation snapshot, int edit)
    {
        var tree = snapshot.SyntaxTrees.Single(t => t.FilePath == SyntheticProject.LargeFilePath);
        var text = tree.GetText();
        var content = text.ToString();
        var points = new List<int>();
        for (var at = content.IndexOf(EditPoint, StringComparison.Ordinal); at >= 0; at = content.IndexOf(EditPoint, at + 1, StringComparison.Ordinal))
        {
            points.Add(at + EditPoint.Length);
        }

        var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(points[edit * 7 % points.Count], 0), "x")));
        return (snapshot.ReplaceSyntaxTree(tree, edited), edited);
    }

    /// <summary>The document's diagnostics as the IDE asks for them after an edit, in milliseconds of wall time.</summary>
    private static double AnswerFor(Compilation snapshot, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options)
    {
        Measure.Settle();
        var watch = Stopwatch.StartNew();
        var model = snapshot.GetSemanticModel(tree);
        _ = model.GetDiagnostics();
        var withAnalyzers = snapshot.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        _ = withAnalyzers.GetAnalysisResultAsync(tree, CancellationToken.None).GetAwaiter().GetResult();
        _ = withAnalyzers.GetAnalysisResultAsync(model, filterSpan: null, CancellationToken.None).GetAwaiter().GetResult();
        return watch.Elapsed.TotalMilliseconds;
    }
}
