using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

public class ConcurrencyTests
{
    private static LambdaHandler Busy(TimeSpan duration) => (_, context) => { context.Spend(duration); return null; };

    [Fact]
    public void ReservedConcurrencyZero_ThrottlesEveryInvocation_As429()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", Busy(TimeSpan.FromSeconds(1)), new FunctionConfig { ReservedConcurrency = 0 });
        var results = Enumerable.Range(0, 3).Select(i => simulation.Invoke(function, i, TimeSpan.FromSeconds(i))).ToList();
        simulation.Run();

        Assert.All(results, r => Assert.Equal(InvocationStatus.Throttled, r.Outcome!.Status));
        Assert.Equal(3, simulation.Metrics.Outcome(EventOutcome.Throttled));
        Assert.Equal(0, simulation.Metrics[Metrics.Invocations]);
    }

    [Fact]
    public void ReservedConcurrency_CapsTheFunction()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", Busy(TimeSpan.FromSeconds(1)), new FunctionConfig { ReservedConcurrency = 2 });
        var results = Enumerable.Range(0, 5).Select(i => simulation.Invoke(function, i, TimeSpan.Zero)).ToList();
        simulation.Run();

        Assert.Equal(2, results.Count(r => r.Outcome!.Succeeded));
        Assert.Equal(3, results.Count(r => r.Outcome!.Status == InvocationStatus.Throttled));
    }

    [Fact]
    public void ReservedConcurrency_IsolatesAFunctionFromANoisyNeighbour()
    {
        var simulation = new Simulation(new SimulationOptions { AccountConcurrencyLimit = 200 });
        var noisy = simulation.AddFunction("noisy", Busy(TimeSpan.FromSeconds(2)));
        var critical = simulation.AddFunction("critical", Busy(TimeSpan.FromMilliseconds(100)), new FunctionConfig { ReservedConcurrency = 20 });
        for (var i = 0; i < 400; i++)
        {
            simulation.Invoke(noisy, i, TimeSpan.Zero);
        }

        var criticalResults = Enumerable.Range(0, 20).Select(i => simulation.Invoke(critical, i, TimeSpan.FromMilliseconds(10))).ToList();
        simulation.Run();

        // The unreserved pool is 200 - 20 = 180: the noisy function is throttled beyond it, the critical one never.
        Assert.Equal(220, simulation.Metrics.Outcome(EventOutcome.Throttled));
        Assert.All(criticalResults, r => Assert.True(r.Outcome!.Succeeded));
    }

    [Fact]
    public void ProvisionedConcurrency_RemovesColdStarts_TrafficAboveItSpillsOver()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", Busy(TimeSpan.FromMilliseconds(500)), new FunctionConfig { ProvisionedConcurrency = 2 });
        var results = Enumerable.Range(0, 3).Select(i => simulation.Invoke(function, i, TimeSpan.Zero)).ToList();
        simulation.Run();

        Assert.Equal(2, results.Count(r => !r.Outcome!.ColdStart));
        Assert.Equal(1, simulation.Metrics[Metrics.ColdStarts]);
        Assert.Equal(3, simulation.Metrics[Metrics.EnvironmentsCreated]);
    }

    [Fact]
    public void ScalingRate_LimitsNewEnvironmentsPerWindow()
    {
        var simulation = new Simulation(new SimulationOptions { ScalingRate = 10, ScalingWindow = TimeSpan.FromSeconds(10) });
        var function = simulation.AddFunction("f", Busy(TimeSpan.FromSeconds(30)), new FunctionConfig { Timeout = TimeSpan.FromSeconds(60) });
        for (var i = 0; i < 15; i++)
        {
            simulation.Invoke(function, i, TimeSpan.Zero);
        }

        for (var i = 0; i < 15; i++)
        {
            simulation.Invoke(function, i, TimeSpan.FromSeconds(11));
        }

        simulation.Run();
        Assert.Equal(20, simulation.Metrics[Metrics.EnvironmentsCreated]);
        Assert.Equal(10, simulation.Metrics.Outcome(EventOutcome.Throttled));
    }

    [Fact]
    public void ConcurrencyOverTime_PerSecond_ThenCoarserBuckets_SoMemoryStaysFlat()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", Busy(TimeSpan.FromMilliseconds(1500)));
        for (var second = 0; second < 10_000; second++)
        {
            simulation.Invoke(function, null, TimeSpan.FromSeconds(second));
        }

        simulation.Run(TimeSpan.FromSeconds(100));
        Assert.Equal(1, simulation.Metrics.ConcurrencyBucketSeconds);
        Assert.Equal(2, simulation.Metrics.ConcurrencyBySecond[50]); // the previous request is still running

        simulation.Run();
        // 10,000 s of traffic in at most 4,096 buckets: 4 s wide, each holding its busiest moment.
        Assert.Equal(4, simulation.Metrics.ConcurrencyBucketSeconds);
        var buckets = simulation.Metrics.ConcurrencyBySecond;
        Assert.Equal(2500, buckets.Count);
        Assert.All(buckets, pair => Assert.Equal(0, pair.Key % 4));
        Assert.All(buckets.Values, busiest => Assert.Equal(2, busiest));
        Assert.Equal(2, simulation.Metrics.MaxConcurrency);
    }
}
