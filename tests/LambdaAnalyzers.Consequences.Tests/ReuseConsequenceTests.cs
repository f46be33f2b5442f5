using LambdaAnalyzers.CodeFixes.Rules;
using LambdaAnalyzers.Rules;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Consequences.Tests;

/// <summary>LAM001 end to end: analyzer, fix, compile, simulate. The same traffic before and after.</summary>
public class ReuseConsequenceTests
{
    private const string Handler = """
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Consequences.Tests;

        public class OrderHandler
        {
            public string Handle(string orderId, ILambdaContext? context)
            {
                using var s3 = new MeteredS3Client();
                s3.PutObject("orders/" + orderId);
                return orderId;
            }
        }
        """;

    [Fact]
    public async Task ClientPerInvocation_IsBuiltOnEveryInvocation_AfterTheFix_OncePerEnvironment()
    {
        var analyzer = new AwsClientPerInvocationAnalyzer();
        var pipeline = new HandlerPipeline(Handler);
        var diagnostic = Assert.Single(await HandlerPipeline.DiagnosticsAsync(pipeline.Original, analyzer));
        Assert.Equal("LAM001", diagnostic.Id);

        var fixedDocument = await HandlerPipeline.FixAsync(pipeline.Original, analyzer, new HoistToStaticFieldFixer());
        Assert.Empty(await HandlerPipeline.DiagnosticsAsync(fixedDocument, analyzer));
        Assert.Contains("private static readonly MeteredS3Client s_s3 = new MeteredS3Client();", (await fixedDocument.GetTextAsync()).ToString());

        var before = Run(await HandlerPipeline.CompileAsync(pipeline.Original));
        var after = Run(await HandlerPipeline.CompileAsync(fixedDocument));

        // 1,000 requests: 900 one at a time (one warm environment), then a burst of 100 at once.
        Assert.Equal(1000, before.Metrics["client constructions"]);
        Assert.Equal(before.Metrics[Metrics.EnvironmentsCreated], after.Metrics["client constructions"]);
        // One environment for the sequential traffic (reclaimed after 10 idle minutes), one per request of the burst.
        Assert.Equal(101, after.Metrics[Metrics.EnvironmentsCreated]);

        // A warm invocation no longer pays the client's 60 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(20 + 15 + 60), before.Metrics.LatencyPercentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(20 + 15), after.Metrics.LatencyPercentile(50));
        Assert.Equal(1000, after.Metrics.Outcome(EventOutcome.Succeeded));
    }

    private static Simulation Run(byte[] assembly)
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 1 });
        var function = HandlerPipeline.AddFunction(simulation, assembly, "OrderHandler", "Handle", work: TimeSpan.FromMilliseconds(20));
        for (var i = 0; i < 900; i++)
        {
            simulation.Invoke(function, "order-" + i, TimeSpan.FromMilliseconds(500 * i));
        }

        for (var i = 0; i < 100; i++)
        {
            simulation.Invoke(function, "burst-" + i, TimeSpan.FromMinutes(30));
        }

        simulation.Run();
        return simulation;
    }
}
