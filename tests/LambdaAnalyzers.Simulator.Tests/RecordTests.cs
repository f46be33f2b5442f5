using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

/// <summary>What a user's test can assert from the public records alone: no trace text, no handler capturing the simulation.</summary>
public class RecordTests
{
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void AsyncRetries_StartOneAndTwoMinutesAfterTheFailedAttemptEnded()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var onFailure = new Destination("failures");
        var function = simulation.AddFunction(
            "orders",
            (_, context) => { context.Spend(Work); throw new InvalidOperationException("boom"); },
            new FunctionConfig { Async = new AsyncInvokeConfig { OnFailure = onFailure } });
        var eventId = simulation.InvokeAsync(function, "order-1", TimeSpan.FromSeconds(5));
        simulation.Run();

        var attempts = simulation.Invocations;
        Assert.Equal(new[] { 1, 2, 3 }, attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.Equal(eventId, a.EventId));
        Assert.All(attempts, a => Assert.Equal(InvocationSource.Async, a.Source));
        Assert.All(attempts, a => Assert.Equal(InvocationStatus.Error, a.Outcome));
        Assert.Equal(3, attempts.Select(a => a.RequestId).Distinct().Count());

        // The first attempt is cold: 250 ms of runtime init, then 100 ms of handler.
        Assert.Equal(TimeSpan.FromSeconds(5), attempts[0].Start);
        Assert.True(attempts[0].ColdStart);
        Assert.Equal(TimeSpan.FromMilliseconds(250), attempts[0].InitDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(5_350), attempts[0].End);
        Assert.Equal(Work, attempts[0].Duration);
        Assert.Equal(attempts[0].End + TimeSpan.FromMinutes(1), attempts[1].Start);
        Assert.Equal(attempts[1].End + TimeSpan.FromMinutes(2), attempts[2].Start);
        Assert.False(attempts[1].ColdStart);
        Assert.Equal(attempts[0].EnvironmentId, attempts[1].EnvironmentId);

        var failure = Assert.Single(onFailure.Failures);
        Assert.Equal(attempts[2].End, failure.Time);
        Assert.Equal(FailureCondition.RetriesExhausted, failure.Condition);
        Assert.Equal(3, failure.ApproximateInvokeCount);
        Assert.Equal("failures", failure.Target);
        Assert.Equal(new[] { eventId }, failure.RecordIds);
        Assert.Equal("order-1", failure.Payload);
        Assert.Equal("InvalidOperationException: boom", failure.Error);
        Assert.Equal(failure, Assert.Single(simulation.Failures));
    }

    [Fact]
    public void EventAgeExceeded_IsRecordedWhenTheRetryIsDue()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var function = simulation.AddFunction(
            "f",
            (_, _) => throw new InvalidOperationException(),
            new FunctionConfig { Async = new AsyncInvokeConfig { MaximumEventAge = TimeSpan.FromSeconds(90) } });
        simulation.InvokeAsync(function, null, TimeSpan.Zero);
        simulation.Run();

        // The first retry (about 60 s later) is within the age; the second (2 min after it) is not.
        Assert.Equal(2, simulation.Invocations.Count);
        var failure = Assert.Single(simulation.Failures);
        Assert.Equal(FailureCondition.EventAgeExceeded, failure.Condition);
        Assert.Equal(simulation.Invocations[1].End + TimeSpan.FromMinutes(2), failure.Time);
        Assert.Null(failure.Target); // nowhere to go: lost
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Dropped));
    }

    [Fact]
    public void ColdStarts_OnePerEnvironment_AtItsFirstInvocation()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var function = simulation.AddFunction("api", (_, context) => { context.Spend(Work); return "ok"; });

        // Three requests at once need three environments; later requests reuse them warm.
        for (var i = 0; i < 3; i++)
        {
            simulation.Invoke(function, i, TimeSpan.Zero);
            simulation.Invoke(function, i, TimeSpan.FromSeconds(1));
        }

        simulation.Run();

        var byEnvironment = simulation.Invocations.GroupBy(r => r.EnvironmentId).ToList();
        Assert.Equal(3, byEnvironment.Count);
        foreach (var environment in byEnvironment)
        {
            var ordered = environment.OrderBy(r => r.Start).ToList();
            Assert.Equal(new[] { true, false }, ordered.Select(r => r.ColdStart));
            Assert.Equal(TimeSpan.Zero, ordered[1].InitDuration);
        }

        Assert.Equal(3, function.Metrics.ColdStarts);
        Assert.Equal(6, function.Metrics.Invocations);
        Assert.All(simulation.Invocations, r => Assert.Equal(InvocationSource.Sync, r.Source));
    }

    [Fact]
    public void ContextNow_IsTheVirtualClock_AfterInitAndAsTheHandlerSpends()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var seen = new List<TimeSpan>();
        var function = simulation.AddFunction("f", (_, context) =>
        {
            seen.Add(context.Now);
            context.Spend(Work);
            seen.Add(context.Now);
            return null;
        }, init: context => seen.Add(context.Now));
        simulation.Invoke(function, null, TimeSpan.FromSeconds(10));
        simulation.Run();

        var record = Assert.Single(simulation.Invocations);
        Assert.Equal(new[] { TimeSpan.FromSeconds(10) + TimeSpan.FromMilliseconds(250), record.HandlerStart, record.HandlerStart + Work }, seen);
        Assert.Equal(record.End, seen[^1]);
    }

    [Fact]
    public void SqsRedrive_RecordsWhenTheMessageMovedAndAfterHowManyReceives()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var deadLetters = simulation.AddQueue("orders-dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, MaxReceiveCount: 3) });
        var function = simulation.AddFunction("f", (_, _) => throw new InvalidOperationException("poison"));
        var mapping = simulation.MapSqs(queue, function);
        var id = queue.Send("bad", TimeSpan.Zero);
        simulation.Run();

        var receives = simulation.Invocations;
        Assert.Equal(new[] { 1, 2, 3 }, receives.Select(r => r.Attempt));
        Assert.All(receives, r => Assert.Equal(new[] { id }, r.MessageIds));
        Assert.All(receives, r => Assert.Equal("orders", r.SourceName));

        // Each receive comes back after the 30 s visibility timeout; the fourth receive moves it instead.
        Assert.Equal(receives[0].Start + TimeSpan.FromSeconds(30), receives[1].Start);
        var failure = Assert.Single(deadLetters.Failures);
        Assert.Equal(receives[2].Start + TimeSpan.FromSeconds(30), failure.Time);
        Assert.Equal(FailureCondition.MaxReceiveCountExceeded, failure.Condition);
        Assert.Equal(3, failure.ApproximateInvokeCount);
        Assert.Equal(new[] { id }, failure.RecordIds);
        Assert.Equal("orders-dlq", failure.Target);
        Assert.Equal("InvalidOperationException: poison", failure.Error);

        Assert.Equal(3, mapping.Metrics.Invocations);
        Assert.Equal(3, mapping.Metrics.Errors);
        Assert.Same(mapping.Metrics, simulation.Metrics.BySource["sqs:orders"]);
    }

    [Fact]
    public void StreamRetriesExhausted_RecordsTheShardAndSequenceRange()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var onFailure = new Destination("stream-failures");
        var stream = simulation.AddStream("clicks");
        var function = simulation.AddFunction("f", (input, _) => ((StreamBatch)input!).Records.Any(r => (string)r.Data! == "poison") ? throw new InvalidOperationException("poison") : null);
        simulation.MapStream(stream, function, new StreamMappingConfig { BatchSize = 2, MaximumRetryAttempts = 1, OnFailure = onFailure });
        var first = stream.Put("k", "poison", TimeSpan.Zero);
        var second = stream.Put("k", "ok", TimeSpan.Zero);
        stream.Put("k", "later", TimeSpan.FromSeconds(30));
        simulation.Run();

        var failure = Assert.Single(onFailure.Failures);
        Assert.Equal(FailureCondition.RetryAttemptsExhausted, failure.Condition);
        Assert.Equal(2, failure.ApproximateInvokeCount);
        Assert.Equal(first, failure.StartSequenceNumber);
        Assert.Equal(second, failure.EndSequenceNumber);
        Assert.Equal(new[] { first, second }, failure.RecordIds);
        Assert.Equal("shardId-000000000000", failure.ShardId);
        Assert.Null(failure.Payload);
        Assert.Equal(simulation.Invocations[1].End, failure.Time);
        Assert.Equal(new[] { first, second }, simulation.Invocations[0].MessageIds);
    }

    [Fact]
    public void StreamBatchDiscardedForAge_IsRecordAgeExceeded_NotRetriesExhausted()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var onFailure = new Destination("stream-failures");
        var stream = simulation.AddStream("clicks");
        var function = simulation.AddFunction("f", (input, _) => ((StreamBatch)input!).Records.Any(r => (string)r.Data! == "poison") ? throw new InvalidOperationException("poison") : null);
        simulation.MapStream(stream, function, new StreamMappingConfig { MaximumRecordAge = TimeSpan.FromSeconds(60), RetryDelay = TimeSpan.FromSeconds(25), OnFailure = onFailure });
        var poison = stream.Put("k", "poison", TimeSpan.Zero);
        stream.Put("k", "fresh", TimeSpan.FromSeconds(70));
        simulation.Run();

        var failure = Assert.Single(onFailure.Failures);
        Assert.Equal(FailureCondition.RecordAgeExceeded, failure.Condition);
        Assert.Equal(new[] { poison }, failure.RecordIds);
        Assert.Equal(FailureCondition.RecordAgeExceeded, Assert.Single(onFailure.Records).Condition);
        Assert.True(failure.Time > TimeSpan.FromSeconds(60));

        // The fresh record behind it is then processed on its first attempt.
        var last = simulation.Invocations[^1];
        Assert.Equal(InvocationStatus.Success, last.Outcome);
        Assert.Equal(1, last.Attempt);
    }

    [Fact]
    public void RecordsAreOptIn_TheEventIsRaisedEitherWay()
    {
        var simulation = new Simulation();
        var heard = new List<InvocationRecord>();
        var failures = new List<FailureRecord>();
        simulation.InvocationCompleted += (_, record) => heard.Add(record);
        simulation.FailureRecorded += (_, record) => failures.Add(record);
        var function = simulation.AddFunction("f", (_, _) => throw new InvalidOperationException(), new FunctionConfig { Async = new AsyncInvokeConfig { MaximumRetryAttempts = 0 } });
        simulation.InvokeAsync(function, null, TimeSpan.Zero);
        simulation.Run();

        Assert.Empty(simulation.Invocations);
        Assert.Empty(simulation.Failures);
        Assert.Single(heard);
        Assert.Equal(FailureCondition.RetriesExhausted, Assert.Single(failures).Condition);
    }

    [Fact]
    public void Throttles_AreRecordedWithoutAnEnvironment_AndCountedPerFunctionAndSource()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true });
        var blocked = simulation.AddFunction("blocked", (_, _) => null, new FunctionConfig { ReservedConcurrency = 0 });
        var open = simulation.AddFunction("open", (_, _) => null);
        simulation.Invoke(blocked, null, TimeSpan.Zero);
        simulation.Invoke(open, null, TimeSpan.Zero);
        simulation.InvokeAsync(open, null, TimeSpan.Zero);
        simulation.Run();

        var throttle = Assert.Single(simulation.Invocations, r => r.Function == "blocked");
        Assert.Equal(InvocationStatus.Throttled, throttle.Outcome);
        Assert.Null(throttle.EnvironmentId);
        Assert.Equal(throttle.Start, throttle.End);
        Assert.Equal(1, simulation.Metrics.ByFunction["blocked"].Throttles);
        Assert.Equal(0, simulation.Metrics.ByFunction["blocked"].Invocations);
        Assert.Equal(2, simulation.Metrics.ByFunction["open"].Invocations);
        Assert.Equal(1, simulation.Metrics.BySource["sync"].Invocations);
        Assert.Equal(1, simulation.Metrics.BySource["sync"].Throttles);
        Assert.Equal(1, simulation.Metrics.BySource["async"].Invocations);
    }

    [Fact]
    public void EveryAttemptHasOneRecord_AndTheBreakdownsAddUpToTheTotals()
    {
        var simulation = new Simulation(new SimulationOptions { KeepRecords = true, Seed = 3 });
        var flaky = simulation.AddFunction("flaky", (_, context) =>
        {
            context.Spend(TimeSpan.FromMilliseconds(context.Random.Next(10, 200)));
            return context.Random.Next(4) == 0 ? throw new InvalidOperationException() : null;
        }, new FunctionConfig { ReservedConcurrency = 3, Async = new AsyncInvokeConfig { DuplicateRate = 0.1 } });
        var other = simulation.AddFunction("other", (_, context) => { context.Spend(TimeSpan.FromMilliseconds(50)); return null; });
        var queue = simulation.AddQueue("q", new QueueConfig { DuplicateRate = 0.05 });
        var stream = simulation.AddStream("s", new StreamConfig { Shards = 2 });
        simulation.MapSqs(queue, flaky);
        simulation.MapStream(stream, other);
        for (var i = 0; i < 200; i++)
        {
            var at = TimeSpan.FromMilliseconds(i * 20);
            simulation.Invoke(i % 2 == 0 ? flaky : other, i, at);
            simulation.InvokeAsync(flaky, i, at);
            queue.Send(i, at);
            stream.Put("k" + (i % 7), i, at);
        }

        simulation.Run();

        var records = simulation.Invocations;
        var metrics = simulation.Metrics;
        Assert.Equal(metrics[Metrics.Invocations] + metrics[Metrics.Throttles], records.Count);
        Assert.Equal(metrics[Metrics.ColdStarts], records.Count(r => r.ColdStart));
        Assert.Equal(metrics[Metrics.Invocations], metrics.ByFunction.Values.Sum(m => m.Invocations));
        Assert.Equal(metrics[Metrics.Invocations], metrics.BySource.Values.Sum(m => m.Invocations));
        Assert.Equal(metrics[Metrics.Errors], metrics.BySource.Values.Sum(m => m.Errors));
        Assert.Equal(metrics[Metrics.Throttles], metrics.ByFunction.Values.Sum(m => m.Throttles));
        Assert.Equal(metrics[Metrics.DuplicatesDelivered], records.Count(r => r.Duplicate));
        Assert.True(records.Count(r => r.Outcome == InvocationStatus.Throttled) > 0, "the reservation of 3 throttles some");
        Assert.All(records, r => Assert.True(r.End >= r.Start && r.Duration >= TimeSpan.Zero));
        foreach (var source in Enum.GetValues<InvocationSource>())
        {
            Assert.True(records.Any(r => r.Source == source), $"no {source} record");
        }
    }
}
