using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

public class EnvironmentTests
{
    private static readonly TimeSpan Ms100 = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void SequentialInvocations_ReuseOneEnvironment_InitRunsOnce()
    {
        var simulation = new Simulation();
        var inits = 0;
        var function = simulation.AddFunction("f", (input, context) => { context.Spend(Ms100); return input; }, init: _ => inits++);
        var results = Enumerable.Range(0, 10).Select(i => simulation.Invoke(function, i, TimeSpan.FromSeconds(i))).ToList();
        simulation.Run();

        Assert.Equal(1, inits);
        Assert.Equal(1, simulation.Metrics[Metrics.ColdStarts]);
        Assert.Equal(1, simulation.Metrics[Metrics.EnvironmentsCreated]);
        Assert.True(results[0].Outcome!.ColdStart);
        Assert.All(results.Skip(1), r => Assert.False(r.Outcome!.ColdStart));
        Assert.Equal(TimeSpan.FromMilliseconds(350), results[0].Outcome!.Latency); // 250 ms runtime init + 100 ms
        Assert.Equal(Ms100, results[9].Outcome!.Latency);
    }

    [Fact]
    public void ConcurrentInvocations_EachNeedAnEnvironment()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", (input, context) => { context.Spend(TimeSpan.FromSeconds(1)); return null; });
        for (var i = 0; i < 5; i++)
        {
            simulation.Invoke(function, i, TimeSpan.Zero);
        }

        simulation.Run();
        Assert.Equal(5, simulation.Metrics[Metrics.ColdStarts]);
        Assert.Equal(5, simulation.Metrics.MaxConcurrency);
    }

    [Fact]
    public void IdleEnvironment_IsReclaimedAfterIdleLifetime_NextInvocationColdStarts()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", (_, _) => null, new FunctionConfig { IdleLifetime = TimeSpan.FromMinutes(10) });
        simulation.Invoke(function, null, TimeSpan.Zero);
        simulation.Invoke(function, null, TimeSpan.FromMinutes(9));
        simulation.Invoke(function, null, TimeSpan.FromMinutes(20));
        simulation.Run();

        Assert.Equal(2, simulation.Metrics[Metrics.ColdStarts]);
        Assert.Equal(2, simulation.Metrics[Metrics.EnvironmentsReclaimed]);
    }

    [Fact]
    public void HandlerExceedingTimeout_IsStoppedAtTheTimeout_AndCountsAsError()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", (_, context) => { context.Spend(TimeSpan.FromSeconds(4)); return "late"; }, new FunctionConfig { RuntimeInitDuration = TimeSpan.Zero });
        var result = simulation.Invoke(function, null, TimeSpan.Zero);
        simulation.Run();

        Assert.Equal(InvocationStatus.Timeout, result.Outcome!.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), result.Outcome.Latency);
        Assert.Null(result.Outcome.Response);
        Assert.Equal(1, simulation.Metrics[Metrics.Timeouts]);
    }

    [Fact]
    public void InvalidConfiguration_IsRefusedWithTheDocumentedRange()
    {
        var simulation = new Simulation();
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.AddFunction("f", (_, _) => null, new FunctionConfig { Timeout = TimeSpan.FromSeconds(901) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.AddFunction("f", (_, _) => null, new FunctionConfig { Async = new AsyncInvokeConfig { MaximumRetryAttempts = 3 } }));
        Assert.Throws<InvalidOperationException>(() => simulation.AddFunction("f", (_, _) => null, new FunctionConfig { ReservedConcurrency = 901 }));
    }

    [Fact]
    public void BackgroundWork_FreezesWithTheEnvironment_RunsDuringALaterInvocation_OrIsLost()
    {
        var simulation = new Simulation();
        var written = new List<string>();
        var function = simulation.AddFunction("f", (input, context) =>
        {
            context.Spend(TimeSpan.FromMilliseconds(200));
            if ((string?)input == "order")
            {
                context.StartBackground("audit", TimeSpan.FromMilliseconds(300), late => written.Add("audit written during " + late.RequestId));
            }

            return null;
        });

        simulation.Invoke(function, "order", TimeSpan.Zero);
        simulation.Invoke(function, "other", TimeSpan.FromSeconds(5));   // runs 200 ms of the 300 ms left
        simulation.Invoke(function, "other", TimeSpan.FromSeconds(10));  // finishes the audit, during someone else's request
        simulation.Invoke(function, "order", TimeSpan.FromSeconds(15));  // starts another audit; nobody comes back
        simulation.Run();

        Assert.Equal(new[] { "audit written during req-000003" }, written);
        Assert.Equal(1, simulation.Metrics[Metrics.BackgroundCompletedLate]);
        Assert.Equal(1, simulation.Metrics[Metrics.BackgroundLost]);
    }

    [Fact]
    public void InitFailure_FailsTheInvocation_AndTheEnvironmentIsDiscarded()
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", (_, _) => null, init: _ => throw new InvalidOperationException("missing TABLE_NAME"));
        var first = simulation.Invoke(function, null, TimeSpan.Zero);
        var second = simulation.Invoke(function, null, TimeSpan.FromSeconds(1));
        simulation.Run();

        Assert.Equal(InvocationStatus.Error, first.Outcome!.Status);
        Assert.Contains("missing TABLE_NAME", first.Outcome.Error);
        Assert.True(second.Outcome!.ColdStart);
    }
}
