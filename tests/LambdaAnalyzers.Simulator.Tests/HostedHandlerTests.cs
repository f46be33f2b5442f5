using LambdaAnalyzers.Simulator;
using LambdaAnalyzers.Simulator.Tests.Handlers;

namespace LambdaAnalyzers.Simulator.Tests;

public class HostedHandlerTests
{
    [Fact]
    public void InstanceHandler_IsConstructedOncePerEnvironment_AtItsColdStart()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var before = CountingHandler.Constructed;
        var function = simulation.AddFunction<CountingHandler>(nameof(CountingHandler.Handle));
        var invocations = new List<SyncInvocation>();
        for (var i = 0; i < 3; i++)
        {
            invocations.Add(simulation.Invoke(function, "\"a\"", TimeSpan.Zero));
        }

        for (var i = 0; i < 3; i++)
        {
            invocations.Add(simulation.Invoke(function, "\"b\"", TimeSpan.FromSeconds(1)));
        }

        Assert.Equal(0, CountingHandler.Constructed - before); // nothing before the first cold start
        simulation.Run();

        Assert.Equal(3, CountingHandler.Constructed - before);
        Assert.Equal(3, simulation.Invocations.Count(r => r.ColdStart));

        // Each environment's instance kept its own count: every second call is its instance's second.
        Assert.Equal(new[] { "\"a:1\"", "\"a:1\"", "\"a:1\"", "\"b:2\"", "\"b:2\"", "\"b:2\"" }, invocations.Select(i => (string?)i.Outcome!.Response));
    }

    [Fact]
    public void SqsHandler_GetsTheEventThroughItsSerializer_AndItsPartialBatchResponseIsHonoured()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var deadLetters = simulation.AddQueue("dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, 2) });
        var function = simulation.AddFunction<PartialBatchHandler>(nameof(PartialBatchHandler.Handle), create: () => new PartialBatchHandler());
        simulation.MapSqs(queue, function, new SqsMappingConfig { ReportBatchItemFailures = true });
        queue.Send("good", TimeSpan.Zero);
        var poison = queue.Send("poison", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Succeeded));
        var failure = Assert.Single(deadLetters.Failures);
        Assert.Equal(new[] { poison }, failure.RecordIds);
        Assert.Equal("listed in batchItemFailures", failure.Error);

        // Only the poison came back: the second batch held it alone, with its receive count.
        Assert.Equal(new[] { poison }, simulation.Invocations[1].MessageIds);
        Assert.Equal(2, simulation.Invocations[1].Attempt);
    }

    [Fact]
    public void Context_IsAnILambdaContextOverTheSimulatorsContext()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        ContextHandler.Seen.Clear();
        var function = simulation.AddFunction<ContextHandler>(nameof(ContextHandler.Handle), new FunctionConfig { Timeout = TimeSpan.FromSeconds(10), MemoryMb = 512 });
        var invocation = simulation.Invoke(function, "{\"name\":\"x\"}", TimeSpan.Zero);
        simulation.Run();

        var record = Assert.Single(simulation.Invocations);
        Assert.Equal(record.RequestId, ContextHandler.Seen["requestId"]);
        Assert.Equal("ContextHandler", ContextHandler.Seen["function"]);
        Assert.Equal("512", ContextHandler.Seen["memory"]);
        Assert.Equal(TimeSpan.FromSeconds(10).ToString(), ContextHandler.Seen["remaining"]);
        Assert.Equal(1, simulation.Metrics[Metrics.LogLines]);
        Assert.Equal("{\"greeting\":\"hello x\"}", invocation.Outcome!.Response);
    }

    [Fact]
    public void FakesSpendVirtualTime_ThroughTheSimulationsCurrentContext()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var table = new FakeTable(simulation);
        var function = simulation.AddFunction<TableHandler>(nameof(TableHandler.Handle), create: () => new TableHandler(table));
        simulation.Invoke(function, "\"k\"", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(TimeSpan.FromMilliseconds(15), Assert.Single(simulation.Invocations).Duration);
        Assert.Equal(new[] { "k" }, table.Written);
    }

    [Fact]
    public void HandlerException_IsTheInvocationsError_NotReflectionsWrapper()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var function = simulation.AddFunction(typeof(StaticHandlers), nameof(StaticHandlers.Throws));
        simulation.Invoke(function, "\"x\"", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal("InvalidOperationException: no stock for x", Assert.Single(simulation.Invocations).Error);
    }

    [Fact]
    public void AsyncHandler_IsAwaited_AndStreamHandlersNeedNoSerializer()
    {
        var simulation = new Simulation();
        var echo = simulation.AddFunction(typeof(StaticHandlers), nameof(StaticHandlers.EchoAsync));
        var invocation = simulation.Invoke(echo, "{\"a\":1}", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal("{\"a\":1}", invocation.Outcome!.Response);
    }

    [Fact]
    public void HandlerString_ResolvesAssemblyTypeAndMethod_AsTheRuntimeDoes()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.StaticHandlers::EchoAsync");
        var invocation = simulation.Invoke(function, "[1,2]", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.StaticHandlers::EchoAsync", function.Name);
        Assert.Equal("[1,2]", invocation.Outcome!.Response);
    }

    [Theory]
    [InlineData("NoSuchAssembly::A.B::C", "Could not load assembly 'NoSuchAssembly'")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::No.Such.Type::C", "Unable to load type 'No.Such.Type'")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.StaticHandlers::Missing", "Unable to find method 'Missing'")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.Refused::Overloaded", "overloads")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.Refused::ThreeParameters", "more than 2 parameters")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.Refused::SecondNotContext", "must be Amazon.Lambda.Core.ILambdaContext")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.Refused::NoSerializer", "Could not find the LambdaSerializerAttribute")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.Refused::Generic", "is generic")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.Refused::WithParams", "params")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.NoDefaultConstructor::Handle", "no public parameterless constructor")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.AbstractHandler::Handle", "is abstract")]
    [InlineData("LambdaAnalyzers.Simulator.Tests::LambdaAnalyzers.Simulator.Tests.Handlers.GenericHandler`1::Handle", "is generic")]
    [InlineData("not a handler string", "Assembly::Namespace.Type::Method")]
    public void HandlerTheRuntimeRefuses_Throws_WithTheRuntimesReason(string handler, string reason)
    {
        var simulation = new Simulation();
        var error = Assert.Throws<HandlerLoadException>(() => simulation.AddFunction(handler));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void LoadableShapes_AreAccepted()
    {
        var simulation = new Simulation();
        simulation.AddFunction(typeof(StaticHandlers), nameof(StaticHandlers.NoParameters));
        simulation.AddFunction(typeof(StaticHandlers), nameof(StaticHandlers.ContextOnly));
        simulation.AddFunction<NoDefaultConstructor>(nameof(NoDefaultConstructor.Handle), create: () => new NoDefaultConstructor(1));
        simulation.AddFunction<DerivedHandler>(nameof(DerivedHandler.Handle));
        Assert.Equal(4, simulation.Functions.Count);
    }
}
