using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>
/// The virtual clock: a priority queue of actions ordered by time, then by the order they were scheduled,
/// so the same inputs always run in the same order. Nothing sleeps; time jumps to the next action.
/// </summary>
public sealed class Scheduler
{
    private readonly PriorityQueue<Action, (TimeSpan At, long Sequence)> _queue = new();
    private long _sequence;

    public TimeSpan Now { get; private set; }

    public int Pending => _queue.Count;

    public void At(TimeSpan at, Action action)
    {
        if (at < Now)
        {
            at = Now;
        }

        _queue.Enqueue(action, (at, _sequence++));
    }

    public void After(TimeSpan delay, Action action) => At(Now + delay, action);

    /// <summary>Runs actions in time order until none is left or the next one is later than <paramref name="until"/>.</summary>
    public void Run(TimeSpan until)
    {
        while (_queue.TryPeek(out _, out var key) && key.At <= until)
        {
            var action = _queue.Dequeue();
            Now = key.At;
            action();
        }

        if (until != TimeSpan.MaxValue && until > Now)
        {
            Now = until;
        }
    }
}
