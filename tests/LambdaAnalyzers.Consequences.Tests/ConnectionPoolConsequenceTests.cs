using LambdaAnalyzers.CodeFixes.Rules;
using LambdaAnalyzers.Rules;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Consequences.Tests;

/// <summary>LAM003 end to end: a data source per invocation against a database's max_connections, before and after the fix.</summary>
[Collection(nameof(Database))]
public class ConnectionPoolConsequenceTests
{
    private const string Handler = """
        using Amazon.Lambda.Core;
        using Npgsql;

        public class OrderHandler
        {
            public string Handle(string orderId, ILambdaContext? context)
            {
                var dataSource = NpgsqlDataSource.Create("Host=orders-db;Username=orders");
                dataSource.Execute("update orders set status = 'paid' where id = @id");
                return orderId;
            }
        }
        """;

    [Fact]
    public async Task DataSourcePerInvocation_ExhaustsMaxConnections_OnePoolPerEnvironmentStaysUnderIt()
    {
        var analyzer = new ConnectionPoolPerInvocationAnalyzer();
        var pipeline = new HandlerPipeline(Handler);
        Assert.Equal("LAM003", Assert.Single(await HandlerPipeline.DiagnosticsAsync(pipeline.Original, analyzer)).Id);
        var fixedDocument = await HandlerPipeline.FixAsync(pipeline.Original, analyzer, new HoistToStaticFieldFixer());

        var before = Run(await HandlerPipeline.CompileAsync(pipeline.Original));
        var after = Run(await HandlerPipeline.CompileAsync(fixedDocument));

        // 100 environments busy for a minute: every invocation's abandoned pool keeps its connection open for
        // the idle lifetime, so the server fills up within a second and then refuses.
        Assert.Equal((100, 59_659L, 59_659L), before); // of 60,000 requests

        // One pool per environment: one connection each, at most 100 environments, no refusal.
        Assert.Equal((100, 0L, 0L), after);
    }

    private static (int PeakOpen, long Refused, long Failed) Run(byte[] assembly)
    {
        Database.Reset();
        var simulation = new Simulation(new SimulationOptions { Seed = 3 });
        Database.Clock = () => simulation.Now;
        // Reserved concurrency 100 sizes the function to the database: at most 100 environments, so at most 100 pools.
        var function = HandlerPipeline.AddFunction(simulation, assembly, "OrderHandler", "Handle", work: TimeSpan.FromMilliseconds(50), new FunctionConfig { ReservedConcurrency = 100 });

        // 100 callers, each sending a request every 100 ms for a minute: 100 environments stay busy.
        for (var caller = 0; caller < 100; caller++)
        {
            for (var i = 0; i < 600; i++)
            {
                simulation.Invoke(function, $"order-{caller}-{i}", TimeSpan.FromMilliseconds(100 * i + caller));
            }
        }

        simulation.Run();
        return (Database.PeakOpen, Database.Refused, simulation.Metrics.Outcome(EventOutcome.FailedToCaller));
    }
}

[CollectionDefinition(nameof(Database), DisableParallelization = true)]
public class DatabaseCollection
{
}
