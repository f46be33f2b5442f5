using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

public class SqsTests
{
    [Fact]
    public void FailingMessage_WithMaxReceiveCountFive_IsReceivedFiveTimes_ThenMovesToTheDeadLetterQueue()
    {
        var simulation = new Simulation();
        var deadLetters = simulation.AddQueue("orders-dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, 5) });
        var receives = new List<int>();
        var function = simulation.AddFunction("f", (input, _) =>
        {
            receives.Add(((SqsBatch)input!).Records[0].ApproximateReceiveCount);
            throw new InvalidOperationException("poison");
        });
        simulation.MapSqs(queue, function);
        var id = queue.Send("bad", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, receives);
        Assert.Equal(id, Assert.Single(deadLetters.DeadLetters).MessageId);
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.DeadLettered));
    }

    [Fact]
    public void FailingMessage_WithoutRedrive_ReturnsUntilRetentionExpires()
    {
        var simulation = new Simulation();
        var queue = simulation.AddQueue("orders", new QueueConfig { VisibilityTimeout = TimeSpan.FromMinutes(1), RetentionPeriod = TimeSpan.FromMinutes(10) });
        var function = simulation.AddFunction("f", (_, _) => throw new InvalidOperationException("poison"));
        simulation.MapSqs(queue, function);
        queue.Send("bad", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(10, simulation.Metrics[Metrics.Invocations]); // received at 0, 1, ..., 9 minutes
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Expired));
    }

    [Fact]
    public void OnePoisonMessage_WithoutPartialResponse_MakesTheNineGoodOnesRunAgain()
    {
        var (processed, simulation, deadLetters) = RunPoisonBatch(reportBatchItemFailures: false);

        // The batch fails on every receive until maxReceiveCount (3): nine good messages processed three times each.
        Assert.Equal(27, processed);
        Assert.Equal(10, deadLetters.DeadLetters.Count);
        Assert.Equal(0, simulation.Metrics.Outcome(EventOutcome.Succeeded));
    }

    [Fact]
    public void OnePoisonMessage_WithPartialResponse_OnlyThePoisonIsRetriedAndDeadLettered()
    {
        var (processed, simulation, deadLetters) = RunPoisonBatch(reportBatchItemFailures: true);

        Assert.Equal(9, processed);
        Assert.Equal("poison", Assert.Single(deadLetters.DeadLetters).Body);
        Assert.Equal(9, simulation.Metrics.Outcome(EventOutcome.Succeeded));
    }

    [Fact]
    public void PartialResponse_WithoutReportBatchItemFailures_DeletesTheFailedMessage()
    {
        var simulation = new Simulation();
        var queue = simulation.AddQueue("orders");
        var function = simulation.AddFunction("f", (input, _) => new BatchResponse(((SqsBatch)input!).Records.Where(m => (string?)m.Body == "poison").Select(m => m.MessageId).ToList()));
        simulation.MapSqs(queue, function, new SqsMappingConfig { ReportBatchItemFailures = false });
        queue.Send("good", TimeSpan.Zero);
        queue.Send("poison", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.DeletedDespiteFailure));
        Assert.Equal(1, simulation.Metrics[Metrics.Invocations]);
    }

    [Fact]
    public void VisibilityTimeoutShorterThanTheInvocation_DeliversTheMessageTwiceWhileItIsStillRunning()
    {
        var simulation = new Simulation();
        var queue = simulation.AddQueue("orders", new QueueConfig { VisibilityTimeout = TimeSpan.FromSeconds(5) });
        var starts = new List<TimeSpan>();
        var function = simulation.AddFunction("f", (_, context) => { starts.Add(simulation.Now); context.Spend(TimeSpan.FromSeconds(8)); return null; }, new FunctionConfig { Timeout = TimeSpan.FromSeconds(10), RuntimeInitDuration = TimeSpan.Zero });
        simulation.MapSqs(queue, function);
        queue.Send("order", TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(5) }, starts);
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Succeeded));
    }

    [Fact]
    public void FifoGroup_IsServedInOrder_AndAFailureBlocksItsGroupOnly()
    {
        var simulation = new Simulation();
        var queue = simulation.AddQueue("orders.fifo", new QueueConfig { Fifo = true, VisibilityTimeout = TimeSpan.FromSeconds(10), RetentionPeriod = TimeSpan.FromMinutes(1) });
        var seen = new List<string>();
        var function = simulation.AddFunction("f", (input, _) =>
        {
            foreach (var message in ((SqsBatch)input!).Records)
            {
                seen.Add((string)message.Body!);
                if ((string)message.Body! == "a1")
                {
                    throw new InvalidOperationException("a1 fails");
                }
            }

            return null;
        });
        simulation.MapSqs(queue, function, new SqsMappingConfig { BatchSize = 1 });
        queue.Send("a1", TimeSpan.Zero, "a");
        queue.Send("a2", TimeSpan.Zero, "a");
        queue.Send("b1", TimeSpan.Zero, "b");
        simulation.Run(TimeSpan.FromSeconds(5));

        Assert.Equal(new[] { "a1", "b1" }, seen);
    }

    private static (int Processed, Simulation Simulation, SqsQueue DeadLetters) RunPoisonBatch(bool reportBatchItemFailures)
    {
        var simulation = new Simulation();
        var deadLetters = simulation.AddQueue("dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, 3) });
        var processed = 0;
        var function = simulation.AddFunction("f", (input, _) =>
        {
            var failures = new List<string>();
            foreach (var message in ((SqsBatch)input!).Records)
            {
                if ((string?)message.Body == "poison")
                {
                    if (!reportBatchItemFailures)
                    {
                        throw new InvalidOperationException("poison");
                    }

                    failures.Add(message.MessageId);
                    continue;
                }

                processed++;
            }

            return new BatchResponse(failures);
        });
        simulation.MapSqs(queue, function, new SqsMappingConfig { ReportBatchItemFailures = reportBatchItemFailures });

        // The poison last: the nine good messages are processed before it fails the batch.
        for (var i = 0; i < 9; i++)
        {
            queue.Send("good-" + i, TimeSpan.Zero);
        }

        queue.Send("poison", TimeSpan.Zero);

        simulation.Run();
        return (processed, simulation, deadLetters);
    }
}

public class SqsScalingTests
{
    [Fact]
    public void Backlog_LargerThanThePollers_IsWorkedOffAsBatchesComplete()
    {
        var simulation = new Simulation();
        var queue = simulation.AddQueue("orders");
        var function = simulation.AddFunction("f", (_, context) => { context.Spend(TimeSpan.FromMilliseconds(30)); return null; });
        simulation.MapSqs(queue, function, new SqsMappingConfig { BatchSize = 1 });
        for (var i = 0; i < 200; i++)
        {
            queue.Send(i, TimeSpan.FromMilliseconds(i % 10));
        }

        simulation.Run(TimeSpan.FromHours(1));
        Assert.Equal(200, simulation.Metrics.Outcome(EventOutcome.Succeeded));
        Assert.InRange(simulation.Metrics.MaxConcurrency, 5, 12); // five concurrent batches at first, about five more each second
    }
}
