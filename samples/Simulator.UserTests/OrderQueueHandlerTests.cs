using LambdaAnalyzers.Simulator;
using Shop.Orders;
using Xunit;

namespace Shop.Tests;

/// <summary>A fake store that takes the time a DynamoDB write would, in virtual time, and remembers every write.</summary>
public sealed class FakeOrderStore : IOrderStore
{
    private readonly Simulation _simulation;

    public FakeOrderStore(Simulation simulation) => _simulation = simulation;

    public List<string> Saved { get; } = new();

    public Task SaveAsync(Order order)
    {
        _simulation.Current?.Spend(TimeSpan.FromMilliseconds(20));
        Saved.Add(order.Id);
        return Task.CompletedTask;
    }
}

public class OrderQueueHandlerTests
{
    private static readonly string[] GoodOrders = Enumerable.Range(1, 9).Select(i => $$"""{"id":"order-{{i}}","amount":{{i * 10}}}""").ToArray();

    [Fact]
    public void WholeBatchFailure_StoresGoodOrdersAgainAndAgain_ThenDeadLettersThemWithThePoison()
    {
        var (simulation, store, deadLetters) = Run<OrderQueueHandler>(nameof(OrderQueueHandler.Handle), reportBatchItemFailures: false, handlerFactory: s => new OrderQueueHandler(s));

        // Duplicated: the batch is received maxReceiveCount (5) times, and each receive stores the orders before the poison again.
        Assert.Equal(5, simulation.Invocations.Count);
        Assert.All(GoodOrderIds(), id => Assert.Equal(5, store.Saved.Count(saved => saved == id)));

        // Lost: after the fifth failed receive, the nine good orders go to the dead-letter queue with the poison.
        Assert.Equal(10, deadLetters.DeadLetters.Count);
        Assert.All(deadLetters.Failures, f => Assert.Equal(FailureCondition.MaxReceiveCountExceeded, f.Condition));
        Assert.All(deadLetters.Failures, f => Assert.Contains("JsonException", f.Error));

        // Each receive came back after the 30 s visibility timeout.
        var starts = simulation.Invocations.Select(r => r.Start).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(30), pair.Second - pair.First));
    }

    [Fact]
    public void PartialBatchResponse_StoresEachGoodOrderOnce_AndDeadLettersOnlyThePoison()
    {
        var (simulation, store, deadLetters) = Run<PartialBatchOrderQueueHandler>(nameof(PartialBatchOrderQueueHandler.Handle), reportBatchItemFailures: true, handlerFactory: s => new PartialBatchOrderQueueHandler(s));

        Assert.Equal(GoodOrderIds(), store.Saved.Order());
        var failure = Assert.Single(deadLetters.Failures);
        Assert.Equal("not an order", failure.Payload);
        Assert.Equal(5, failure.ApproximateInvokeCount);

        // The first invocation had the whole batch, every retry only the poison message.
        Assert.Equal(10, simulation.Invocations[0].MessageIds.Count);
        Assert.All(simulation.Invocations.Skip(1), r => Assert.Equal(failure.RecordIds, r.MessageIds));

        // One environment served them all: one cold start, one handler instance.
        Assert.Single(simulation.Invocations, r => r.ColdStart);
        Assert.Single(simulation.Invocations.Select(r => r.EnvironmentId).Distinct());
    }

    private static IEnumerable<string> GoodOrderIds() => Enumerable.Range(1, 9).Select(i => $"order-{i}").Order();

    private static (Simulation Simulation, FakeOrderStore Store, SqsQueue DeadLetters) Run<THandler>(string method, bool reportBatchItemFailures, Func<FakeOrderStore, THandler> handlerFactory)
        where THandler : class
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var store = new FakeOrderStore(simulation);
        var deadLetters = simulation.AddQueue("orders-dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, MaxReceiveCount: 5) });

        // The runtime's way (one instance per environment, at its cold start), with the fake passed in.
        var function = simulation.AddFunction<THandler>(method, new FunctionConfig { Timeout = TimeSpan.FromSeconds(5) }, () => handlerFactory(store));
        simulation.MapSqs(queue, function, new SqsMappingConfig { ReportBatchItemFailures = reportBatchItemFailures });

        foreach (var order in GoodOrders)
        {
            queue.Send(order, TimeSpan.Zero);
        }

        queue.Send("not an order", TimeSpan.Zero);
        simulation.Run();
        return (simulation, store, deadLetters);
    }
}
