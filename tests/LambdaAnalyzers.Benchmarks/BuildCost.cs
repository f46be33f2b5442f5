using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>A project to compile: a fresh compilation (nothing bound, nothing cached) each time it is asked for.</summary>
internal sealed record Workload(string Name, int Handlers, int Lines, Func<(Compilation Compilation, AnalyzerOptions Options)> Fresh);

/// <summary>
/// `build`: what our analyzer package adds to a build. Per arm and round, a fresh compilation of the same project
/// goes through what csc does with it: the source generators, then the compiler's diagnostics and every analyzer,
/// run concurrently by the analyzer driver. Timed from outside the driver (wall clock and the process's CPU time),
/// so the driver's own work for an analyzer and the collector's for what it allocates count too. Each arm is
/// compared with the SDK defaults of the same round (paired), the order of the arms alternating round by round.
/// </summary>
internal static class BuildCost
{
    public static void Run(SdkDefaults sdk, IReadOnlyList<Workload> workloads, IReadOnlyList<Arm> arms, int rounds, int warmUp)
    {
        arms = [Arm.Floor, .. arms];
        Console.WriteLine($"Arms: {string.Join("; ", arms.Select(a => $"{a.Name}: {sdk.Analyzers.Length} + {a.Added.Length} analyzers"))}; {sdk.Generators.Length} source generators in every arm.");

        // The first project's arms until the JIT has compiled the compiler's, the driver's and every package's hot
        // code, so that no arm of a timed round pays for it (a build server's code is long since compiled).
        for (var round = 0; round < warmUp; round++)
        {
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            arms.ToList().ForEach(arm => Time(sdk, workloads[0], arm));
            Console.WriteLine($"warm-up round {round + 1}: the JIT compiled {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted:N0} methods");
        }

        var summary = new List<string>();
        var perHandler = arms.Skip(1).ToDictionary(a => a, _ => new List<string>());
        foreach (var workload in workloads)
        {
            // One unmeasured round per project: its first compilation reads its references' metadata, which the
            // rounds after it share (as the build server keeps it between builds).
            arms.ToList().ForEach(arm => Time(sdk, workload, arm));
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var runs = arms.ToDictionary(a => a, _ => new List<Timing>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var arm in round % 2 == 0 ? arms : arms.Reverse())
                {
                    runs[arm].Add(Time(sdk, workload, arm));
                }
            }

            var floor = runs[Arm.Floor];
            Console.WriteLine();
            Console.WriteLine($"{workload.Name}: {workload.Lines:N0} lines, {rounds} rounds after one unmeasured (the JIT compiled {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted:N0} methods during them)");
            Console.WriteLine($"  {"arm",-24} {"wall ms: median (q1–q3; min–max)",-40} {"CPU ms: median (q1–q3; min–max)",-40} diagnostics");
            foreach (var arm in arms)
            {
                var r = runs[arm];
                Console.WriteLine($"  {arm.Name,-24} {Measure.Spread(r.Select(x => x.Wall).ToList(), "N0", ""),-40} {Measure.Spread(r.Select(x => x.Cpu).ToList(), "N0", ""),-40} {r[^1].Diagnostics:N0}{(r[^1].AnalyzerExceptions > 0 ? $" ({r[^1].AnalyzerExceptions} AD0001!)" : "")}");
            }

            Console.WriteLine("  added over SDK defaults, round by round:");
            var cells = new List<string>();
            foreach (var arm in arms.Skip(1))
            {
                var r = runs[arm];
                var wallMs = r.Select((x, i) => x.Wall - floor[i].Wall).ToList();
                var cpuMs = r.Select((x, i) => x.Cpu - floor[i].Cpu).ToList();
                var wallPercent = r.Select((x, i) => 100 * (x.Wall / floor[i].Wall - 1)).ToList();
                var cpuPercent = r.Select((x, i) => 100 * (x.Cpu / floor[i].Cpu - 1)).ToList();
                Console.WriteLine($"  {arm.Name,-24} wall {Measure.Spread(wallPercent, "0.0", " %")}, CPU {Measure.Spread(cpuPercent, "0.0", " %")}; {Measure.Median(wallMs):N0} ms wall, {Measure.Median(cpuMs):N0} ms CPU (medians)");
                cells.Add($"{Measure.Spread(wallPercent, "0.0", " %")} | {Measure.Spread(cpuPercent, "0.0", " %")} | {Measure.Median(wallMs):N0} / {Measure.Median(cpuMs):N0}");
                if (workload.Handlers > 0)
                {
                    perHandler[arm].Add($"{workload.Name}: {Measure.Median(wallMs) / workload.Handlers:N3} / {Measure.Median(cpuMs) / workload.Handlers:N3} ms");
                }
            }

            summary.Add($"| {workload.Name} | {workload.Lines:N0} | {Measure.Median(floor.Select(x => x.Wall)):N0} / {Measure.Median(floor.Select(x => x.Cpu)):N0} | {string.Join(" | ", cells)} |");
        }

        Console.WriteLine();
        Console.WriteLine("Added ms per handler, synthetic projects (median added wall / CPU, over the handlers: flat if the cost grows linearly):");
        foreach (var (arm, lines) in perHandler)
        {
            Console.WriteLine($"  {arm.Name}: {string.Join("; ", lines)}");
        }

        Console.WriteLine();
        Console.WriteLine("Added over SDK defaults: median (q1–q3; min–max) of the paired rounds; ms are medians of wall / CPU.");
        Console.WriteLine($"| project | lines | SDK defaults, ms wall / CPU | {string.Join(" | ", arms.Skip(1).Select(a => $"{a.Name}: added wall | added CPU | added ms"))} |");
        Console.WriteLine($"|---|---|---|{string.Concat(arms.Skip(1).Select(_ => "---|---|---|"))}");
        summary.ForEach(Console.WriteLine);
    }

    private sealed record Timing(double Wall, double Cpu, int Diagnostics, int AnalyzerExceptions);

    private static Timing Time(SdkDefaults sdk, Workload workload, Arm arm)
    {
        var (compilation, options) = workload.Fresh();
        var analyzers = sdk.Analyzers.AddRange(arm.Added);
        Measure.Settle();
        var cpu = Measure.Cpu();
        var watch = Stopwatch.StartNew();
        var generated = sdk.RunGenerators(compilation, options);
        var diagnostics = generated.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var wall = watch.Elapsed.TotalMilliseconds;
        var used = (Measure.Cpu() - cpu).TotalMilliseconds;
        return new Timing(wall, used, diagnostics.Length, diagnostics.Count(d => d.Id == "AD0001"));
    }
}
