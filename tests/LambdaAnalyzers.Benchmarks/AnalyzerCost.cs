using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// What the analyzers cost on a large synthetic Lambda project: compile time alone, the time of all
/// LambdaAnalyzers analyzers (per analyzer, from the driver's own execution-time log), the same for a peer
/// analyzer package, growth from 500 to 4,000 handlers, and the per-document (IDE keystroke) cost.
/// </summary>
public static class AnalyzerCost
{
    /// <summary>Each analyzer alone, on a fresh compilation bound first: where the time goes.</summary>
    public static void Each(int handlers)
    {
        foreach (var analyzer in Ours())
        {
            var measurement = Analyze(SyntheticProject.Create(handlers), ImmutableArray.Create(analyzer));
            Console.WriteLine($"  {analyzer.GetType().Name,-42} {measurement.Wall.TotalMilliseconds,8:N0} ms {measurement.Diagnostics,6} diagnostics {measurement.Allocated / 1024 / 1024,6:N0} MB");
        }
    }

    public static void Run(int[] handlerCounts)
    {
        var lambdaAnalyzers = Ours();
        var peerPath = typeof(AnalyzerCost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PeerAnalyzerPath").Value!;
        var peerAnalyzers = new AnalyzerFileReference(peerPath, new Loader()).GetAnalyzers(LanguageNames.CSharp);
        var baseline = ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer());

        foreach (var handlers in handlerCounts)
        {
            var lines = SyntheticProject.Create(handlers).SyntaxTrees.Sum(t => t.GetText().Lines.Count);

            // Compile + analyzer driver with an analyzer that does nothing: what any analyzer package starts from.
            var driver = Best(() => Analyze(SyntheticProject.Create(handlers), baseline));
            var ours = Best(() => Analyze(SyntheticProject.Create(handlers), lambdaAnalyzers));
            var extra = ours.Wall - driver.Wall;
            Console.WriteLine($"{handlers} handlers ({lines:N0} lines): compile+driver {driver.Wall.TotalMilliseconds:N0} ms; with LambdaAnalyzers {ours.Wall.TotalMilliseconds:N0} ms: +{extra.TotalMilliseconds:N0} ms ({extra.TotalMilliseconds / driver.Wall.TotalMilliseconds:P1}), {ours.Diagnostics:N0} diagnostics, {(ours.Allocated - driver.Allocated) / handlers:N0} B extra allocated per handler");
            if (handlers == handlerCounts[^1])
            {
                var peer = Best(() => Analyze(SyntheticProject.Create(handlers), peerAnalyzers));
                var peerExtra = peer.Wall - driver.Wall;
                var ourMean = extra.TotalMilliseconds / lambdaAnalyzers.Length;
                var peerMean = peerExtra.TotalMilliseconds / peerAnalyzers.Length;
                Console.WriteLine($"  Meziantou.Analyzer ({peerAnalyzers.Length} analyzers): +{peerExtra.TotalMilliseconds:N0} ms ({peerExtra.TotalMilliseconds / driver.Wall.TotalMilliseconds:P1}), {peer.Diagnostics:N0} diagnostics");
                Console.WriteLine($"  mean wall cost per analyzer: LambdaAnalyzers {ourMean:N1} ms over {lambdaAnalyzers.Length}; Meziantou.Analyzer {peerMean:N1} ms over {peerAnalyzers.Length}; ratio {ourMean / peerMean:N2}");

                DocumentCost(lambdaAnalyzers);
            }
        }
    }

    private static ImmutableArray<DiagnosticAnalyzer> Ours()
        => typeof(LambdaAnalyzers.LambdaAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private static Measurement Best(Func<Measurement> measure)
        => Enumerable.Range(0, 3).Select(_ => measure()).OrderBy(m => m.Wall).First();

    private sealed record Measurement(TimeSpan Wall, Dictionary<string, TimeSpan> PerAnalyzer, int Diagnostics, long Allocated);

    private static Measurement Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        var diagnostics = withAnalyzers.GetAllDiagnosticsAsync().Result;
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var perAnalyzer = analyzers.ToDictionary(a => a.GetType().Name, a => withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result.ExecutionTime);
        return new Measurement(watch.Elapsed, perAnalyzer, diagnostics.Count(d => d.Id.StartsWith("LAM", StringComparison.Ordinal) || d.Id.StartsWith("MA", StringComparison.Ordinal)), allocated);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NothingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("NOOP", "nothing", "nothing", "none", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        }
    }

    /// <summary>The IDE path: one large handler file analyzed on its own, as after a keystroke.</summary>
    private static void DocumentCost(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var times = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var compilation = SyntheticProject.Create(200, largeFileLines: 1000);
            var tree = compilation.SyntaxTrees.Last();
            var model = compilation.GetSemanticModel(tree);
            model.GetDiagnostics();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            var watch = Stopwatch.StartNew();
            withAnalyzers.GetAnalysisResultAsync(model, filterSpan: null, CancellationToken.None).Wait();
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"  one 1,000-line handler file (IDE path, 200-handler project): median {times[times.Count / 2]:N1} ms over {times.Count} fresh snapshots (first {times.Max():N1} ms)");
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}

/// <summary>Handlers with a realistic mix of clean and faulty code, plus as many ordinary classes.</summary>
public static class SyntheticProject
{
    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
        .Concat(new[] { typeof(Amazon.Lambda.Core.ILambdaContext).Assembly, typeof(Amazon.S3.AmazonS3Client).Assembly, typeof(Amazon.Runtime.IAmazonService).Assembly }
            .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)))
        .ToImmutableArray();

    public static CSharpCompilation Create(int handlers, int largeFileLines = 0)
    {
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < handlers; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Handler(i), path: $"Handler{i}.cs"));
            trees.Add(CSharpSyntaxTree.ParseText(Ordinary(i), path: $"Model{i}.cs"));
        }

        if (largeFileLines > 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText(LargeHandlerFile(largeFileLines), path: "LargeHandler.cs"));
        }

        return CSharpCompilation.Create("Synthetic", trees, References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string Handler(int i) => (i % 4) switch
    {
        0 => $$"""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var s3 = new AmazonS3Client();
                        await new Service{{i}}().RunAsync(message.Body, s3);
                    }
                }
            }
            public class Service{{i}}
            {
                public Task RunAsync(string body, IAmazonS3 s3) => s3.ListBucketsAsync();
            }
            """,
        1 => $$"""
            using System.Threading.Tasks;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                private static readonly AmazonS3Client S3 = new AmazonS3Client();
                public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    await S3.ListBucketsAsync();
                    return new APIGatewayProxyResponse { StatusCode = 200, Body = request.Body };
                }
            }
            """,
        2 => $$"""
            using System;
            using System.Net.Http;
            using Amazon.Lambda.Core;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                public string Handle(string input, ILambdaContext context)
                {
                    try { return Helper{{i}}.Load(input); }
                    catch (Exception ex) { context.Logger.LogLine(ex.Message); return ""; }
                }
            }
            public static class Helper{{i}}
            {
                public static string Load(string input) { using var http = new HttpClient(); return http.GetStringAsync(input).Result; }
            }
            """,
        _ => $$"""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.S3Events;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                private static readonly List<string> Seen = new();
                public void Handle(S3Event evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records) { Seen.Add(record.S3.Object.Key); }
                }
            }
            """,
    };

    private static string Ordinary(int i) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        namespace App.M{{i}};
        public record Order{{i}}(string Id, decimal Amount, IReadOnlyList<string> Lines);
        public class Calculator{{i}}
        {
            public decimal Total(IEnumerable<Order{{i}}> orders) => orders.Where(o => o.Amount > 0).Sum(o => o.Amount * 1.2m);
            public string Describe(Order{{i}} order) => $"{order.Id}: {order.Lines.Count} lines, {order.Amount:C}";
        }
        """;

    private static string LargeHandlerFile(int lines)
    {
        var text = new StringBuilder("using System.Threading.Tasks;\nusing Amazon.Lambda.Core;\nusing Amazon.S3;\nnamespace App.Large;\npublic class LargeHandler\n{\n    public async Task Handle(string input, ILambdaContext context)\n    {\n");
        var methods = (lines - 12) / 6;
        for (var i = 0; i < methods; i++)
        {
            text.Append($"        await Step{i}(input);\n");
        }

        text.Append("    }\n");
        for (var i = 0; i < methods; i++)
        {
            text.Append($"    private static Task Step{i}(string input)\n    {{\n        var s3 = new AmazonS3Client();\n        return s3.ListBucketsAsync();\n    }}\n\n");
        }

        return text.Append("}\n").ToString();
    }
}
