using CsCheck;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

/// <summary>Over random configurations and fault rates: every event ends in exactly one terminal state, and a seed fixes the trace.</summary>
public class PropertyTests
{
    private sealed record Scenario(int Seed, double FailureRate, double DuplicateRate, int Retries, int? Reserved, int MaxReceiveCount, bool Partial, int BatchSize, int StreamRetries, bool Bisect, int Events);

    private static readonly Gen<Scenario> Scenarios =
        from seed in Gen.Int[1, 1_000_000]
        from failureRate in Gen.Double[0, 1]
        from duplicateRate in Gen.Double[0, 0.5]
        from retries in Gen.Int[0, 2]
        from reserved in Gen.Int[0, 5].Select(r => r == 5 ? (int?)null : r)
        from maxReceive in Gen.Int[1, 6]
        from partial in Gen.Bool
        from batchSize in Gen.Int[1, 10]
        from streamRetries in Gen.Int[-1, 3]
        from bisect in Gen.Bool
        from events in Gen.Int[1, 40]
        select new Scenario(seed, failureRate, duplicateRate, retries, reserved, maxReceive, partial, batchSize, streamRetries, bisect, events);

    [Fact]
    public void EveryEvent_EndsInExactlyOneTerminalState() => Scenarios.Sample(scenario =>
    {
        var simulation = Run(scenario);
        Assert.Equal(0, simulation.Metrics.EventsInFlight);
        Assert.Equal(simulation.Metrics.EventsAccepted, simulation.Metrics.EventsFinished);
        Assert.Equal(4 * scenario.Events, simulation.Metrics.EventsAccepted);
    }, iter: 60);

    [Fact]
    public void SameSeed_GivesTheSameTrace() => Scenarios.Sample(scenario =>
    {
        var first = Run(scenario);
        var second = Run(scenario);
        Assert.Equal(first.Metrics.TraceHash, second.Metrics.TraceHash);
        Assert.Equal(first.Metrics.ToJson(), second.Metrics.ToJson());
    }, iter: 30);

    private static Simulation Run(Scenario s)
    {
        var simulation = new Simulation(new SimulationOptions { Seed = s.Seed, AccountConcurrencyLimit = 110 });
        LambdaHandler flaky = (input, context) =>
        {
            context.Spend(TimeSpan.FromMilliseconds(context.Random.Next(10, 2000)));
            if (context.Random.NextDouble() < s.FailureRate)
            {
                throw new InvalidOperationException("injected");
            }

            if (s.Partial && input is SqsBatch batch)
            {
                return new BatchResponse(batch.Records.Where(_ => context.Random.NextDouble() < s.FailureRate).Select(m => m.MessageId).ToList());
            }

            return null;
        };

        var config = new FunctionConfig
        {
            ReservedConcurrency = s.Reserved,
            Async = new AsyncInvokeConfig { MaximumRetryAttempts = s.Retries, DuplicateRate = s.DuplicateRate, MaximumEventAge = TimeSpan.FromMinutes(30), OnFailure = s.Seed % 2 == 0 ? new Destination("f") : null },
        };
        var function = simulation.AddFunction("f", flaky, config);
        var dlq = simulation.AddQueue("dlq");
        var queue = simulation.AddQueue("q", new QueueConfig
        {
            VisibilityTimeout = TimeSpan.FromSeconds(20),
            RetentionPeriod = TimeSpan.FromMinutes(30),
            DuplicateRate = s.DuplicateRate,
            Redrive = s.Seed % 3 == 0 ? null : new RedrivePolicy(dlq, s.MaxReceiveCount),
        });
        simulation.MapSqs(queue, simulation.AddFunction("g", flaky), new SqsMappingConfig { BatchSize = s.BatchSize, ReportBatchItemFailures = s.Partial });
        var stream = simulation.AddStream("s", new StreamConfig { Shards = 2, Retention = TimeSpan.FromMinutes(30) });
        simulation.MapStream(stream, simulation.AddFunction("h", flaky), new StreamMappingConfig { BatchSize = s.BatchSize, MaximumRetryAttempts = s.StreamRetries, BisectBatchOnFunctionError = s.Bisect, RetryDelay = TimeSpan.FromSeconds(30) });

        for (var i = 0; i < s.Events; i++)
        {
            var at = TimeSpan.FromSeconds(i);
            simulation.Invoke(function, i, at);
            simulation.InvokeAsync(function, i, at);
            queue.Send(i, at);
            stream.Put("key-" + (i % 3), i, at);
        }

        simulation.Run();
        return simulation;
    }
}
