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

/// <summary>Whether the compilation hands an analyzer the driver's own model of a tree: if not, the path binds twice.</summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ModelSharingProbe : DiagnosticAnalyzer
{
    private static readonly Microsoft.CodeAnalysis.DiagnosticDescriptor Nothing = new("PROBE", "probe", "probe", "probe", Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public static int Same;
    public static int Different;
    public static int OtherTreeAlreadyBound;

    public override ImmutableArray<Microsoft.CodeAnalysis.DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Nothing);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(c =>
        {
            var model = c.OperationBlocks[0].SemanticModel!;
            if (ReferenceEquals(model, c.Compilation.GetSemanticModel(model.SyntaxTree)))
            {
                Interlocked.Increment(ref Same);
            }
            else
            {
                Interlocked.Increment(ref Different);
            }
        });
    }
}
