using LambdaAnalyzers.CodeFixes.Rules;
using LambdaAnalyzers.Rules;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Consequences.Tests;

/// <summary>
/// LAM005 end to end, and why its fix does not write the catalog's Lazy&lt;Task&lt;T&gt;&gt;: the same traffic
/// against a secret store that throttles its first three fetches, for the per-invocation fetch, the fixed
/// code, and a hand-written Lazy.
/// </summary>
[Collection(nameof(SecretStoreCollection))]
public class SecretConsequenceTests
{
    private const string Handler = """
        using Amazon.Lambda.Core;
        using Amazon.SecretsManager;
        using Amazon.SecretsManager.Model;
        using LambdaAnalyzers.Consequences.Tests;

        public class PaymentHandler
        {
            private static readonly IAmazonSecretsManager Secrets = new MeteredSecretsManager();

            public string Handle(string orderId, ILambdaContext? context)
            {
                var secret = Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "payments/provider" }).GetAwaiter().GetResult();
                return orderId + secret.SecretString.Length;
            }
        }
        """;

    private const string LazyHandler = """
        using System;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.SecretsManager;
        using Amazon.SecretsManager.Model;
        using LambdaAnalyzers.Consequences.Tests;

        public class PaymentHandler
        {
            private static readonly IAmazonSecretsManager Secrets = new MeteredSecretsManager();
            private static readonly Lazy<Task<GetSecretValueResponse>> Secret = new(() => Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "payments/provider" }));

            public string Handle(string orderId, ILambdaContext? context)
            {
                var secret = Secret.Value.GetAwaiter().GetResult();
                return orderId + secret.SecretString.Length;
            }
        }
        """;

    [Fact]
    public async Task FetchPerInvocation_PaysEveryTime_TheFixFetchesOncePerEnvironment_AndRecoversFromAThrottle()
    {
        var analyzer = new SecretFetchedPerInvocationAnalyzer();
        var pipeline = new HandlerPipeline(Handler);
        Assert.Equal("LAM005", Assert.Single(await HandlerPipeline.DiagnosticsAsync(pipeline.Original, analyzer)).Id);
        var fixedDocument = await HandlerPipeline.FixAsync(pipeline.Original, analyzer, new CacheSecretFetchFixer());
        Assert.Empty(await HandlerPipeline.DiagnosticsAsync(fixedDocument, analyzer));
        Assert.Contains("return s_paymentsProvider ??= await Secrets.GetSecretValueAsync(", (await fixedDocument.GetTextAsync()).ToString());

        var before = Run(await HandlerPipeline.CompileAsync(pipeline.Original));
        var after = Run(await HandlerPipeline.CompileAsync(fixedDocument));
        var lazy = Run(await HandlerPipeline.CompileAsync(new HandlerPipeline(LazyHandler).Original));

        // Per invocation: 1,000 fetches, each 30 ms on the request; the three throttled ones fail their request.
        Assert.Equal(1000, before.Metrics["secret fetches"]);
        Assert.Equal(3, before.Metrics[Metrics.Errors]);
        Assert.Equal(TimeSpan.FromMilliseconds(20 + 30), before.Metrics.LatencyPercentile(50));

        // The fix: one fetch per environment (101), plus the three throttled tries of the first one, which
        // fail three requests and are retried by the next; warm requests no longer wait for the store.
        Assert.Equal(101, after.Metrics[Metrics.EnvironmentsCreated]);
        Assert.Equal(101 + 3, after.Metrics["secret fetches"]);
        Assert.Equal(3, after.Metrics[Metrics.Errors]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), after.Metrics.LatencyPercentile(50));

        // A Lazy keeps the faulted task: the first environment fails every one of its 900 requests, and the two
        // burst environments whose first fetch was throttled fail theirs.
        Assert.Equal(900 + 2, lazy.Metrics[Metrics.Errors]);
        Assert.Equal(101, lazy.Metrics["secret fetches"]);
    }

    private static Simulation Run(byte[] assembly)
    {
        MeteredSecretsManager.ThrottleNext = 3;
        var simulation = new Simulation(new SimulationOptions { Seed = 1 });
        var function = HandlerPipeline.AddFunction(simulation, assembly, "PaymentHandler", "Handle", work: TimeSpan.FromMilliseconds(20));
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

/// <summary>The throttle knob is static: the tests that turn it run one at a time.</summary>
[CollectionDefinition(nameof(SecretStoreCollection), DisableParallelization = true)]
public class SecretStoreCollection
{
}
