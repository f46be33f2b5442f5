using BenchmarkDotNet.Attributes;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>Simulated invocations per wall-clock second, for a handler that does nothing but spend virtual time.</summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    [Params(100_000)]
    public int Invocations { get; set; }

    /// <summary>Synchronous traffic, one request every 10 ms of virtual time, 20 ms each: a few warm environments.</summary>
    [Benchmark]
    public long SyncTraffic() => SimulatorWorkloads.SyncTraffic(Invocations);

    /// <summary>SQS traffic in batches of 10, every tenth batch failing once.</summary>
    [Benchmark]
    public long SqsTraffic() => SimulatorWorkloads.SqsTraffic(Invocations);
}

public static class SimulatorWorkloads
{
    public static long SyncTraffic(int invocations)
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", static (_, context) => { context.Spend(TimeSpan.FromMilliseconds(20)); return null; });
        for (var i = 0; i < invocations; i++)
        {
            simulation.Invoke(function, null, TimeSpan.FromMilliseconds(10 * i));
        }

        simulation.Run();
        return simulation.Metrics[Metrics.Invocations];
    }

    /// <summary>
    /// The same traffic as <see cref="SyncTraffic"/>, generated as it goes (each arrival schedules the next), and
    /// the managed heap the simulation still holds at the end: what completed events leave behind.
    /// </summary>
    public static (long Invocations, long RetainedBytes) SteadySync(int invocations)
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("f", static (_, context) => { context.Spend(TimeSpan.FromMilliseconds(20)); return null; });
        var sent = 0;
        void Arrive()
        {
            simulation.Invoke(function, null, simulation.Now);
            if (++sent < invocations)
            {
                simulation.Clock.After(TimeSpan.FromMilliseconds(10), Arrive);
            }
        }

        simulation.Clock.At(TimeSpan.Zero, Arrive);
        simulation.Run();
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(simulation);
        return (simulation.Metrics[Metrics.Invocations], retained);
    }

    public static long SqsTraffic(int messages)
    {
        var simulation = new Simulation();
        var queue = simulation.AddQueue("q");
        var function = simulation.AddFunction("f", static (input, context) =>
        {
            context.Spend(TimeSpan.FromMilliseconds(30));
            return ((SqsBatch)input!).Records[0].ApproximateReceiveCount == 1 && context.Random.Next(10) == 0 ? throw new InvalidOperationException() : null;
        });
        simulation.MapSqs(queue, function);
        for (var i = 0; i < messages; i++)
        {
            queue.Send(i, TimeSpan.FromMilliseconds(i));
        }

        simulation.Run();
        return simulation.Metrics[Metrics.Invocations];
    }
}
