using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Tracing;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// What LambdaAnalyzers allocate, by type: the runtime's allocation ticks (one about every 100 KB allocated)
/// over the same project analyzed with a do-nothing operation analyzer and with LambdaAnalyzers beside it.
/// </summary>
public static class AllocationsByType
{
    public static void Compare(int handlers)
    {
        var floor = ImmutableArray.Create<DiagnosticAnalyzer>(AnalyzerCost.DoNothing());
        var withOurs = floor.AddRange(LambdaAnalyzers.ShippedAnalyzers.Create());
        AnalyzerCost.AnalyzeOnce(SyntheticProject.Create(100), withOurs);
        var floorTicks = Ticks(() => AnalyzerCost.AnalyzeOnce(SyntheticProject.Create(handlers), floor));
        var oursTicks = Ticks(() => AnalyzerCost.AnalyzeOnce(SyntheticProject.Create(handlers), withOurs));
        Console.WriteLine($"{handlers:N0} handlers: floor {floorTicks.Values.Sum() / 1024 / 1024:N0} MB, with LambdaAnalyzers {oursTicks.Values.Sum() / 1024 / 1024:N0} MB (sampled)");
        foreach (var type in oursTicks.Keys.Union(floorTicks.Keys).OrderByDescending(t => oursTicks.GetValueOrDefault(t) - floorTicks.GetValueOrDefault(t)).Take(25))
        {
            Console.WriteLine($"  {(oursTicks.GetValueOrDefault(type) - floorTicks.GetValueOrDefault(type)) / 1024.0 / 1024:N1} MB more  {type}");
        }
    }

    private static Dictionary<string, long> Ticks(Action run)
    {
        using var listener = new AllocationListener();
        run();
        return listener.ByType.ToDictionary(p => p.Key, p => p.Value);
    }

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not null && e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) && e.Payload is { } payload && e.PayloadNames is { } names)
            {
                var type = payload[names.IndexOf("TypeName")] as string ?? "?";
                var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
                ByType.AddOrUpdate(type, amount, (_, total) => total + amount);
            }
        }
    }
}
