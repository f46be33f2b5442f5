using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>Something the clock runs at its time. The hot paths schedule objects that already exist (an environment finishing its invocation) instead of allocating a closure per event.</summary>
internal interface IScheduled
{
    void Run();
}

/// <summary>
/// The virtual clock: a priority queue of actions ordered by time, then by the order they were scheduled,
/// so the same inputs always run in the same order. Nothing sleeps; time jumps to the next action.
/// </summary>
public sealed class Scheduler
{
    private readonly PriorityQueue<object, Slot> _queue = new(SlotOrder.Instance);

    // Work scheduled in time order (traffic generated up front, a queue's messages) is appended here and
    // never sifts through the heap; the next action is the earlier of the two heads.
    private readonly Queue<(object Work, Slot Slot)> _inOrder = new();
    private Slot _inOrderTail;
    private long _sequence;

    public TimeSpan Now { get; private set; }

    public int Pending => _queue.Count + _inOrder.Count;

    public void At(TimeSpan at, Action action) => Enqueue(at, action);

    public void After(TimeSpan delay, Action action) => At(Now + delay, action);

    internal void At(TimeSpan at, IScheduled work) => Enqueue(at, work);

    internal void After(TimeSpan delay, IScheduled work) => Enqueue(Now + delay, work);

    /// <summary>Runs actions in time order until none is left or the next one is later than <paramref name="until"/>.</summary>
    public void Run(TimeSpan until)
    {
        var limit = until.Ticks;
        while (TryTakeNext(limit, out var work, out var slot))
        {
            Now = new TimeSpan(slot.Ticks);
            if (work is IScheduled scheduled)
            {
                scheduled.Run();
            }
            else
            {
                ((Action)work)();
            }
        }

        if (until != TimeSpan.MaxValue && until > Now)
        {
            Now = until;
        }
    }

    private void Enqueue(TimeSpan at, object work)
    {
        if (at < Now)
        {
            at = Now;
        }

        var slot = new Slot(at.Ticks, _sequence++);
        if (_inOrder.Count == 0 || SlotOrder.Instance.Compare(slot, _inOrderTail) > 0)
        {
            _inOrder.Enqueue((work, slot));
            _inOrderTail = slot;
        }
        else
        {
            _queue.Enqueue(work, slot);
        }
    }

    private bool TryTakeNext(long limit, out object work, out Slot slot)
    {
        var fromHeap = _queue.TryPeek(out var heapWork, out var heapSlot);
        var fromOrdered = _inOrder.TryPeek(out var ordered);
        if (fromHeap && (!fromOrdered || SlotOrder.Instance.Compare(heapSlot, ordered.Slot) < 0))
        {
            if (heapSlot.Ticks > limit)
            {
                (work, slot) = (null!, default);
                return false;
            }

            _queue.Dequeue();
            (work, slot) = (heapWork!, heapSlot);
            return true;
        }

        if (fromOrdered && ordered.Slot.Ticks <= limit)
        {
            _inOrder.Dequeue();
            (work, slot) = ordered;
            return true;
        }

        (work, slot) = (null!, default);
        return false;
    }

    private readonly record struct Slot(long Ticks, long Sequence);

    /// <summary>Time, then scheduling order; a sealed comparer the JIT can inline, unlike the tuple's default one.</summary>
    private sealed class SlotOrder : IComparer<Slot>
    {
        public static readonly SlotOrder Instance = new();

        public int Compare(Slot x, Slot y) => x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks) : x.Sequence.CompareTo(y.Sequence);
    }
}
