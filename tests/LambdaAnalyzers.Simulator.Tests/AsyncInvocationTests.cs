using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

public class AsyncInvocationTests
{
    private static readonly LambdaHandler AlwaysFails = (_, _) => throw new InvalidOperationException("boom");

    [Fact]
    public void FailingEvent_IsAttemptedThreeTimes_ThenRecordedByTheOnFailureDestination()
    {
        var simulation = new Simulation();
        var onFailure = new Destination("failures");
        var attemptsAt = new List<TimeSpan>();
        var function = simulation.AddFunction(
            "f",
            (input, context) => { attemptsAt.Add(simulation.Now); throw new InvalidOperationException("boom"); },
            new FunctionConfig { RuntimeInitDuration = TimeSpan.Zero, Async = new AsyncInvokeConfig { OnFailure = onFailure } });
        var eventId = simulation.InvokeAsync(function, "order-1", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3) }, attemptsAt);
        var record = Assert.Single(onFailure.Records);
        Assert.Equal(eventId, record.EventId);
        Assert.Equal(FailureCondition.RetriesExhausted, record.Condition);
        Assert.Equal(3, record.ApproximateInvokeCount);
        Assert.Equal("order-1", record.Payload);
        Assert.Contains("boom", record.Error);
        Assert.Equal(2, simulation.Metrics[Metrics.Retries]);
    }

    [Fact]
    public void NoRetries_DeadLetterQueueOnly_GetsThePayload()
    {
        var simulation = new Simulation();
        var deadLetters = new Destination("dlq");
        var function = simulation.AddFunction("f", AlwaysFails, new FunctionConfig { Async = new AsyncInvokeConfig { MaximumRetryAttempts = 0, DeadLetterQueue = deadLetters } });
        simulation.InvokeAsync(function, "payload", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(1, simulation.Metrics[Metrics.Invocations]);
        Assert.Equal("payload", Assert.Single(deadLetters.Records).Payload);
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.DeadLettered));
    }

    [Fact]
    public void NoFailureTarget_EventIsLostAfterTheRetries()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", AlwaysFails);
        simulation.InvokeAsync(function, null, TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(3, simulation.Metrics[Metrics.Invocations]);
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Dropped));
    }

    [Fact]
    public void ThrottledEvent_IsRetriedWithoutCountingAttempts_UntilTheMaximumEventAge()
    {
        var simulation = new Simulation();
        var onFailure = new Destination("failures");
        var function = simulation.AddFunction("f", (_, _) => null, new FunctionConfig
        {
            ReservedConcurrency = 0,
            Async = new AsyncInvokeConfig { MaximumEventAge = TimeSpan.FromMinutes(10), OnFailure = onFailure },
        });
        simulation.InvokeAsync(function, null, TimeSpan.Zero);
        simulation.Run();

        var record = Assert.Single(onFailure.Records);
        Assert.Equal(FailureCondition.EventAgeExceeded, record.Condition);
        Assert.Equal(0, record.ApproximateInvokeCount);
        Assert.Equal(0, simulation.Metrics[Metrics.Invocations]);

        // Backoff 1, 2, 4, ... 256 s, then 300 s: the attempt after 10 minutes of age gives up.
        Assert.Equal(10, simulation.Metrics[Metrics.Throttles]);
    }

    [Fact]
    public void SuccessfulEvent_GoesToTheOnSuccessDestination()
    {
        var simulation = new Simulation();
        var onSuccess = new Destination("ok");
        var function = simulation.AddFunction("f", (input, _) => input, new FunctionConfig { Async = new AsyncInvokeConfig { OnSuccess = onSuccess } });
        simulation.InvokeAsync(function, "done", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(1, Assert.Single(onSuccess.Records).ApproximateInvokeCount);
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Succeeded));
    }

    [Fact]
    public void DuplicateDelivery_RunsTheHandlerTwice_WithoutASecondOutcome()
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 7 });
        var charges = 0;
        var function = simulation.AddFunction("f", (_, context) => { charges++; return null; }, new FunctionConfig { Async = new AsyncInvokeConfig { DuplicateRate = 1.0 } });
        simulation.InvokeAsync(function, "order-1", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(2, charges);
        Assert.Equal(1, simulation.Metrics[Metrics.DuplicatesDelivered]);
        Assert.Equal(1, simulation.Metrics.EventsFinished);
    }
}
