using System.Collections.Immutable;
using System.Diagnostics.Tracing;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// What the collector does during one analysis, from the runtime's own GC events: collections per generation,
/// the bytes each promoted (what survived: a collection's cost grows with it, not with what died) and the
/// pauses. `gc N` runs the floor and the floor with LambdaAnalyzers in turn, to show where the collector time
/// a build pays for us comes from: more collections (what we allocate) or costlier ones (what we keep alive).
/// </summary>
internal sealed class CollectorLoad : EventListener
{
    private const int GcStart = 1;
    private const int GcHeapStats = 4;
    private const int AllocationTick = 10;

    private readonly int[] _collections = new int[3];
    private long _promoted;
    private readonly Dictionary<string, long> _largeObjects = new();

    public static void Compare(int handlers, int rounds)
    {
        var floor = ImmutableArray.Create<DiagnosticAnalyzer>(AnalyzerCost.DoNothing());
        var withOurs = floor.AddRange(LambdaAnalyzers.ShippedAnalyzers.Create());
        for (var round = -1; round < rounds; round++)
        {
            foreach (var (name, analyzers) in new[] { ("floor", floor), ("floor + LambdaAnalyzers", withOurs) })
            {
                var compilation = SyntheticProject.Create(handlers);
                AnalyzerCost.Settle();
                using var load = new CollectorLoad();
                var paused = GC.GetTotalPauseDuration();
                AnalyzerCost.AnalyzeOnce(compilation, analyzers);
                var pause = GC.GetTotalPauseDuration() - paused;

                // Events arrive on the listener's own thread, shortly after they happen.
                Thread.Sleep(1500);
                if (round >= 0)
                {
                    Console.WriteLine($"{name,-24} collections gen0/gen1/gen2 {load._collections[0]}/{load._collections[1]}/{load._collections[2]}, promoted {load.Promoted / 1024.0 / 1024.0:N0} MB, paused {pause.TotalMilliseconds:N0} ms");
                    lock (load._largeObjects)
                    {
                        Console.WriteLine("    large-object heap, sampled per 100 KB: " + string.Join(", ", load._largeObjects.OrderByDescending(p => p.Value).Take(8).Select(p => $"{p.Key} {p.Value / 1024.0 / 1024.0:N1} MB")));
                    }
                }
            }
        }
    }

    private long Promoted => Interlocked.Read(ref _promoted);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventId)
        {
            case GcStart when e.Payload is { Count: > 1 } start && start[1] is uint depth && depth < 3:
                Interlocked.Increment(ref _collections[depth]);
                break;
            case AllocationTick when e.PayloadNames is { } tickNames && e.Payload is { } tick && tick[tickNames.IndexOf("AllocationKind")] is uint kind && kind == 1:
                lock (_largeObjects)
                {
                    var type = tick[tickNames.IndexOf("TypeName")] as string ?? "?";
                    _largeObjects[type] = _largeObjects.GetValueOrDefault(type) + Convert.ToInt64(tick[tickNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
                }

                break;
            case GcHeapStats when e.PayloadNames is { } names && e.Payload is { } payload:
                foreach (var field in new[] { "TotalPromotedSize0", "TotalPromotedSize1", "TotalPromotedSize2", "TotalPromotedSize3" })
                {
                    if (payload[names.IndexOf(field)] is ulong bytes)
                    {
                        Interlocked.Add(ref _promoted, (long)bytes);
                    }
                }

                break;
        }
    }
}
