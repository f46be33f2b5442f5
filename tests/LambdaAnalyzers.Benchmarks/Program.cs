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

// `-- build N`: every analyzer over an N-handler project, three times, and nothing else (for a profiler).
if (args.Length > 1 && args[0] == "build")
{
    AnalyzerCost.BuildOnly(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "analyzers")
{
    var counts = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : new[] { 500, 1000, 2000, 4000 };
    AnalyzerCost.Run(counts);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SimulatorBenchmarks).Assembly).Run(args);
