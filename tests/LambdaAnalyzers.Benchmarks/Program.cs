using System.Diagnostics;
using BenchmarkDotNet.Running;
using LambdaAnalyzers.Benchmarks;

// `dotnet run -c Release --project tests/LambdaAnalyzers.Benchmarks -- quick` prints one timed run of each
// workload; any other arguments go to BenchmarkDotNet (e.g. `-- --filter *Simulator*`).
if (args.Length > 0 && args[0] == "quick")
{
    foreach (var (name, run) in new (string, Func<int, long>)[] { ("sync", SimulatorWorkloads.SyncTraffic), ("sqs", SimulatorWorkloads.SqsTraffic) })
    {
        run(10_000); // warm up the JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var invocations = run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"simulator {name}: {invocations:N0} invocations in {watch.Elapsed.TotalSeconds:0.00} s = {invocations / watch.Elapsed.TotalSeconds:N0} invocations/s, {allocated / (double)invocations:N0} B allocated per invocation");
    }

    // Memory must not grow with completed events: the heap held after 4x the events is about the same.
    foreach (var events in new[] { 250_000, 1_000_000 })
    {
        var (done, retained) = SimulatorWorkloads.SteadySync(events);
        Console.WriteLine($"simulator steady sync: {done:N0} invocations completed, {retained / 1024.0:N0} KiB of managed heap retained");
    }

    return;
}

// `-- analyzers [500 1000 2000 4000]`: the cost of the analyzers on a synthetic project (docs/performance.md).
if (args.Length > 1 && args[0] == "each")
{
    AnalyzerCost.Each(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `-- ide`: where a keystroke's time goes: handler discovery, the path, and the document's analysis.
if (args.Length > 0 && args[0] == "ide")
{
    AnalyzerCost.IdeBreakdown();
    return;
}

// `-- keystrokes N`: N keystrokes in the large file with every analyzer, and nothing else (for a profiler).
if (args.Length > 1 && args[0] == "keystrokes")
{
    AnalyzerCost.KeystrokesOnly(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `-- gc N [rounds]`: the collector's work during an analysis with the floor alone and with LambdaAnalyzers beside it.
if (args.Length > 1 && args[0] == "gc")
{
    LambdaAnalyzers.Benchmarks.CollectorLoad.Compare(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

// `-- build N [runs] [sequential] [mirror|pauses] [prebound]`: every analyzer over an N-handler project, ten times (or runs), the logged
// times and nothing else (also for a profiler); `mirror`: our rules' registrations with empty callbacks instead; `pauses`:
// our callbacks time themselves, and say how much of it the collector's pauses were; `prebound`: every member body is
// bound through the driver's own models before any rule runs, by an analyzer logged apart (what the driver does anyway).
if (args.Length > 1 && args[0] == "build")
{
    AnalyzerCost.Sequential = args.Contains("sequential");
    var runs = args.Length > 2 && int.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out var asked) ? asked : 10;
    AnalyzerCost.BuildOnly(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), runs, args.Contains("mirror"), args.Contains("pauses"), args.Contains("prebound"));
    return;
}

// `-- added N [runs] [dispatch|mirror]`: what LambdaAnalyzers add over a do-nothing operation analyzer, CPU and wall
// medians; or 24 do-nothing analyzers registering every kind of action ours use; or our rules' own registrations, emptied.
if (args.Length > 1 && args[0] == "added")
{
    AnalyzerCost.Added(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Contains("dispatch"), args.Contains("mirror"));
    return;
}

// `-- floor N` / `-- floor+ours N`: the two sides of `added`, untimed, for comparing two profiles.
if (args.Length > 1 && args[0] is "floor" or "floor+ours")
{
    AnalyzerCost.AddedOnly(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[0] == "floor+ours");
    return;
}

// `-- allocations N`: what LambdaAnalyzers allocate over the floor, by type (sampled by the runtime).
if (args.Length > 1 && args[0] == "allocations")
{
    AllocationsByType.Compare(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `-- compile N`: the compiler alone, seven times: its diagnostics, and a compile to an assembly with its PDB.
if (args.Length > 1 && args[0] == "compile")
{
    AnalyzerCost.CompileOnly(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `-- expansions N`: which names the path looked for callers by, and how many declarations each bound.
if (args.Length > 1 && args[0] == "expansions")
{
    ExpansionsProbe.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 1 && args[0] == "probe")
{
    LambdaAnalyzers.Benchmarks.AnalyzerCost.AnalyzeOnce(SyntheticProject.Create(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)), System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new ModelSharingProbe()));
    Console.WriteLine($"same model {ModelSharingProbe.Same}, different {ModelSharingProbe.Different}");
    return;
}

if (args.Length > 0 && args[0] == "analyzers")
{
    var counts = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : new[] { 500, 1000, 2000, 4000 };
    AnalyzerCost.Run(counts);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SimulatorBenchmarks).Assembly).Run(args);
