using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

public class StreamTests
{
    [Fact]
    public void FailingRecord_BlocksTheShard_UntilRetriesAreExhausted_ThenTheBatchGoesToTheOnFailureDestination()
    {
        var simulation = new Simulation();
        var onFailure = new Destination("stream-failures");
        var stream = simulation.AddStream("clicks");
        var seen = new List<string>();
        var function = simulation.AddFunction("f", (input, _) =>
        {
            var batch = (StreamBatch)input!;
            seen.AddRange(batch.Records.Select(r => (string)r.Data!));
            if (batch.Records.Any(r => (string)r.Data! == "poison"))
            {
                throw new InvalidOperationException("poison");
            }

            return null;
        });
        simulation.MapStream(stream, function, new StreamMappingConfig { BatchSize = 1, MaximumRetryAttempts = 2, OnFailure = onFailure });
        stream.Put("user-1", "poison", TimeSpan.Zero);
        stream.Put("user-1", "after", TimeSpan.FromMilliseconds(1));
        simulation.Run();

        Assert.Equal(new[] { "poison", "poison", "poison", "after" }, seen);
        var record = Assert.Single(onFailure.Records);
        Assert.Null(record.Payload); // metadata only
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.SentToOnFailureDestination));
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Succeeded));
    }

    [Fact]
    public void InfiniteRetries_BlockTheShardUntilThePoisonExpires()
    {
        var simulation = new Simulation();
        var stream = simulation.AddStream("clicks", new StreamConfig { Retention = TimeSpan.FromMinutes(1) });
        var goodProcessedAt = TimeSpan.MinValue;
        var function = simulation.AddFunction("f", (input, _) =>
        {
            var batch = (StreamBatch)input!;
            if (batch.Records.Any(r => (string)r.Data! == "poison"))
            {
                throw new InvalidOperationException();
            }

            goodProcessedAt = simulation.Now;
            return null;
        });
        simulation.MapStream(stream, function, new StreamMappingConfig { RetryDelay = TimeSpan.FromSeconds(10) });
        stream.Put("k", "poison", TimeSpan.Zero);
        stream.Put("k", "good", TimeSpan.FromSeconds(5));
        simulation.Run();

        // The good record waits behind the poison (retried with it) until the poison ages out.
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Expired));
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Succeeded));
        Assert.True(goodProcessedAt > TimeSpan.FromMinutes(1), $"processed at {goodProcessedAt}");
        Assert.Equal(6, simulation.Metrics[Metrics.Retries]);
    }

    [Fact]
    public void BisectOnError_IsolatesThePoisonRecord()
    {
        var simulation = new Simulation();
        var stream = simulation.AddStream("clicks");
        var function = simulation.AddFunction("f", (input, _) => ((StreamBatch)input!).Records.Any(r => (string)r.Data! == "poison") ? throw new InvalidOperationException() : null);
        simulation.MapStream(stream, function, new StreamMappingConfig { BatchSize = 4, BisectBatchOnFunctionError = true, MaximumRetryAttempts = 0 });
        foreach (var data in new[] { "a", "b", "poison", "c" })
        {
            stream.Put("k", data, TimeSpan.Zero);
        }

        simulation.Run();
        Assert.Equal(3, simulation.Metrics.Outcome(EventOutcome.Succeeded));
        Assert.Equal(1, simulation.Metrics.Outcome(EventOutcome.Dropped));
    }

    [Fact]
    public void PartialBatchResponse_CheckpointsBeforeTheFirstFailure()
    {
        var simulation = new Simulation();
        var stream = simulation.AddStream("clicks");
        var batches = new List<string>();
        var function = simulation.AddFunction("f", (input, _) =>
        {
            var batch = (StreamBatch)input!;
            batches.Add(string.Join(",", batch.Records.Select(r => (string)r.Data!)));
            var poison = batch.Records.FirstOrDefault(r => (string)r.Data! == "poison");
            return poison is null || batches.Count > 2 ? BatchResponse.AllSucceeded : new BatchResponse(new[] { poison.SequenceNumber });
        });
        simulation.MapStream(stream, function, new StreamMappingConfig { BatchSize = 10, ReportBatchItemFailures = true });
        foreach (var data in new[] { "a", "b", "poison", "c" })
        {
            stream.Put("k", data, TimeSpan.Zero);
        }

        simulation.Run();
        Assert.Equal(new[] { "a,b,poison,c", "poison,c", "poison,c" }, batches);
        Assert.Equal(4, simulation.Metrics.Outcome(EventOutcome.Succeeded));
    }
}
