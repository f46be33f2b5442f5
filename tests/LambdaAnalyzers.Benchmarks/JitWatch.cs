using System.Diagnostics.Tracing;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// Counts the methods the JIT compiles, by whose code they are: LambdaAnalyzers, the peer package, or anything
/// else (the compiler, the runtime). A method is compiled again each time tiering promotes it (quick code, then
/// instrumented quick code, then optimized code), so a round in which neither package's code was compiled
/// ran both packages as optimized as they will get. The count of all methods alone cannot say so: on two busy
/// cores the JIT's background promotions lag, and a hundred of our methods have been seen still quick code
/// some 30 analyses into a process while the whole count stayed under 100 per round.
/// </summary>
internal sealed class JitWatch : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly Dictionary<string, int> _compiled = new();

    /// <summary>Methods compiled since the last <see cref="Take"/>.</summary>
    public CompiledMethods Take()
    {
        lock (_compiled)
        {
            var counts = new CompiledMethods(_compiled.GetValueOrDefault("ours"), _compiled.GetValueOrDefault("peer"), _compiled.Values.Sum());
            _compiled.Clear();
            return counts;
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) || e.PayloadNames is not { } names)
        {
            return;
        }

        var type = e.Payload![names.IndexOf("MethodNamespace")] as string ?? "";
        var whose = type.StartsWith("LambdaAnalyzers.", StringComparison.Ordinal) && !type.StartsWith("LambdaAnalyzers.Benchmarks", StringComparison.Ordinal) ? "ours"
            : type.StartsWith("Meziantou.", StringComparison.Ordinal) ? "peer"
            : "other";
        lock (_compiled)
        {
            _compiled[whose] = _compiled.GetValueOrDefault(whose) + 1;
        }
    }
}

/// <summary>How many methods the JIT compiled: LambdaAnalyzers', the peer's, and all of them.</summary>
internal readonly record struct CompiledMethods(int Ours, int Peer, int All)
{
    /// <summary>
    /// A warm-up round that compiled none of either package's methods and fewer than 100 in all (thousands in
    /// the first rounds) leaves the JIT settled: the packages' hot code is optimized, the compiler's nearly all.
    /// </summary>
    public bool Settled => Ours == 0 && Peer == 0 && All < 100;
}
