using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>One side of a comparison: the analyzers added to the SDK's defaults (none for the floor itself).</summary>
internal sealed record Arm(string Name, ImmutableArray<DiagnosticAnalyzer> Added)
{
    public static Arm Floor { get; } = new("SDK defaults", ImmutableArray<DiagnosticAnalyzer>.Empty);

    /// <summary>
    /// LambdaAnalyzers from each given DLL (the build beside the benchmarks when none is given), each through its
    /// own load context, as the compiler loads an analyzer package.
    /// </summary>
    public static IReadOnlyList<Arm> Ours(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            paths = [Path.Combine(AppContext.BaseDirectory, "LambdaAnalyzers.dll")];
        }

        return paths.Select((path, i) =>
            {
                var name = paths.Count == 1 ? "LambdaAnalyzers" : $"LambdaAnalyzers {(char)('A' + i)}";
                Console.WriteLine($"{name}: {Path.GetFullPath(path)}");
                return new Arm(name, AnalyzerLoader.Reference(path).GetAnalyzers(LanguageNames.CSharp));
            })
            .ToList();
    }

    /// <summary>Meziantou.Analyzer, the peer package, from the build of it the SDK would load for this Roslyn.</summary>
    public static Arm Peer()
    {
        var path = typeof(Arm).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PeerAnalyzerPath").Value!;
        return new Arm("Meziantou.Analyzer", AnalyzerLoader.Reference(path).GetAnalyzers(LanguageNames.CSharp));
    }
}

/// <summary>Timing helpers shared by the benchmarks.</summary>
internal static class Measure
{
    /// <summary>
    /// Collects the garbage of earlier work before a timed one, for every arm alike: a full collection falling
    /// inside a run would be charged to whichever arm was running then.
    /// </summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The process's CPU time: every thread, the collector's included, as a build's csc process pays it.</summary>
    public static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The <paramref name="p"/> quantile, linearly interpolated between the closest ranks.</summary>
    public static double Quantile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>"median (q1–q3; min–max)" of a series.</summary>
    public static string Spread(IReadOnlyList<double> values, string format, string unit)
        => $"{Median(values).ToString(format)}{unit} ({Quantile(values, 0.25).ToString(format)}–{Quantile(values, 0.75).ToString(format)}; {values.Min().ToString(format)}–{values.Max().ToString(format)})";
}
