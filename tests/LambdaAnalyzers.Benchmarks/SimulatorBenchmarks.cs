using BenchmarkDotNet.Attributes;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>Simulated invocations per wall-clock second, for a handler that does nothing but spend virtual time.</summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    [Params(100_000)]
    public int Invocations { get; set; }

    /// <summary>Synchronous traffic, one request every 10 ms of virtual time, 20 ms each, scheduled up front in chunks.</summary>
    [Benchmark]
    public long SyncTraffic() => SimulatorWorkloads.SyncTraffic(Invocations);

    /// <summary>The same traffic, each arrival scheduling the next.</summary>
    [Benchmark]
    public long SteadyTraffic() => SimulatorWorkloads.SteadyTraffic(Invocations);

    /// <summary>The chunked traffic with every <see cref="InvocationRecord"/> built and raised to a listener (not kept).</summary>
    [Benchmark]
    public long SyncTrafficObserved() => SimulatorWorkloads.SyncTraffic(Invocations, observe: true);

    /// <summary>SQS traffic in batches of 10, every tenth batch failing once.</summary>
    [Benchmark]
    public long SqsTraffic() => SimulatorWorkloads.SqsTraffic(Invocations);
}

public static class SimulatorWorkloads
{
    private const int Chunk = 10_000;

    /// <summary>
    /// Arrivals scheduled up front, a chunk at a time, the simulation run to the end of each chunk before the next is
    /// scheduled (how a test feeds a long run without holding every arrival at once). Idle checks scheduled minutes
    /// ahead sit among the arrivals: the clock must keep both out of its heap.
    /// </summary>
    public static long SyncTraffic(int invocations) => SyncTraffic(invocations, observe: false);

    public static long SyncTraffic(int invocations, bool observe)
    {
        var simulation = new Simulation();
        var observed = 0L;
        if (observe)
        {
            simulation.InvocationCompleted += (_, _) => observed++;
        }

        var function = simulation.AddFunction("f", static (_, context) => { context.Spend(TimeSpan.FromMilliseconds(20)); return null; });
        for (var start = 0; start < invocations; start += Chunk)
        {
            var end = Math.Min(invocations, start + Chunk);
            for (var i = start; i < end; i++)
            {
                simulation.Invoke(function, null, TimeSpan.FromMilliseconds(10 * i));
            }

            simulation.Run(TimeSpan.FromMilliseconds(10 * end));
        }

        simulation.Run();
        return observe ? observed : simulation.Metrics[Metrics.Invocations];
    }

    /// <summary>
    /// The same traffic as <see cref="SyncTraffic"/>, generated as it goes (each arrival schedules the next), and
    /// the managed heap the simulation still holds at the end: what completed events leave behind.
    /// </summary>
    public static (long Invocations, long RetainedBytes) SteadySync(int invocations)
    {
        var simulation = SelfScheduling(invocations);
        simulation.Run();
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(simulation);
        return (simulation.Metrics[Metrics.Invocations], retained);
    }

    /// <summary>The traffic of <see cref="SteadySync"/>, timed alone.</summary>
    public static long SteadyTraffic(int invocations)
    {
        var simulation = SelfScheduling(invocations);
        simulation.Run();
        return simulation.Metrics[Metrics.Invocations];
    }

    private static Simulation SelfScheduling(int invocations)
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
        return simulation;
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
