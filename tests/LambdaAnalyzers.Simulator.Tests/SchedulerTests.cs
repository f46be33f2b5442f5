using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Simulator.Tests;

public class SchedulerTests
{
    [Fact]
    public void SchedulingInThePast_Throws()
    {
        var clock = new Scheduler();
        clock.Run(TimeSpan.FromSeconds(10));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clock.At(TimeSpan.FromSeconds(5), () => { }));
        Assert.Contains("already at", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.After(TimeSpan.FromSeconds(-1), () => { }));
    }

    [Fact]
    public void SendingToAQueueInThePast_Throws()
    {
        var simulation = new Simulation();
        var queue = simulation.AddQueue("q");
        simulation.Run(TimeSpan.FromMinutes(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Send("late", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void SchedulingAtNow_RunsInTheSameInstant()
    {
        var clock = new Scheduler();
        clock.Run(TimeSpan.FromSeconds(10));
        var ranAt = TimeSpan.Zero;
        clock.At(clock.Now, () => ranAt = clock.Now);
        clock.Run(TimeSpan.MaxValue);

        Assert.Equal(TimeSpan.FromSeconds(10), ranAt);
    }

    [Fact]
    public void InterleavedStreamsAndStragglers_RunInTimeThenSchedulingOrder()
    {
        // Several in-order streams (more than there are lanes) and out-of-order work, some at equal times:
        // the order must be exactly time, then the order of scheduling.
        var clock = new Scheduler();
        var random = new Random(7);
        var expected = new List<(long Ticks, int Order)>();
        var ran = new List<(long Ticks, int Order)>();
        var order = 0;
        void Add(long ticks)
        {
            var mine = order++;
            expected.Add((ticks, mine));
            clock.At(TimeSpan.FromTicks(ticks), () => ran.Add((clock.Now.Ticks, mine)));
        }

        for (var i = 0; i < 2_000; i++)
        {
            Add(i * 10);                     // arrivals
            Add(i * 10 + 25);                // completions
            Add(i * 10 + 6_000);             // idle checks far ahead
            Add(i * 7 % 300);                // a stream that wraps around
            Add(random.Next(0, 30_000));     // stragglers
            Add(i * 10);                     // a tie with the arrival
        }

        clock.Run(TimeSpan.MaxValue);

        Assert.Equal(expected.OrderBy(e => e.Ticks).ThenBy(e => e.Order), ran);
    }

    [Fact]
    public void WorkScheduledWhileRunning_KeepsTheOrder_AcrossRunsWithALimit()
    {
        var clock = new Scheduler();
        var ran = new List<int>();
        clock.At(TimeSpan.FromMinutes(10), () => ran.Add(600));
        for (var chunk = 0; chunk < 3; chunk++)
        {
            for (var i = 0; i < 5; i++)
            {
                var second = chunk * 5 + i;
                clock.At(TimeSpan.FromSeconds(second), () => ran.Add(second));
            }

            clock.Run(TimeSpan.FromSeconds(chunk * 5 + 5));
        }

        clock.Run(TimeSpan.MaxValue);

        Assert.Equal(Enumerable.Range(0, 15).Append(600), ran);
    }
}
