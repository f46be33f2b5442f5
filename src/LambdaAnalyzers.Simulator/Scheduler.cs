using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>Something the clock runs at its time. The hot paths schedule objects that already exist (an environment finishing its invocation) instead of allocating a closure per event.</summary>
internal interface IScheduled
{
    void Run();
}

/// <summary>
/// The virtual clock: actions ordered by time, then by the order they were scheduled, so the same inputs
/// always run in the same order. Nothing sleeps; time jumps to the next action.
/// </summary>
public sealed class Scheduler
{
    // Most work arrives as a few interleaved streams that are each in time order: arrivals generated up front,
    // completions a fixed duration after their start, idle checks a fixed lifetime after a release. Each such
    // stream settles into a lane of its own (a plain FIFO); only work that fits no lane sifts through the heap.
    // One lane alone is not enough: a single check ten minutes ahead would block every later arrival from it.
    private const int LaneCount = 4;
    private readonly Lane[] _lanes = new Lane[LaneCount];
    private readonly PriorityQueue<object, Slot> _heap = new(SlotOrder.Instance);
    private long _sequence;

    /// <summary>Creates an empty clock at time zero.</summary>
    public Scheduler()
    {
        for (var i = 0; i < LaneCount; i++)
        {
            _lanes[i] = new Lane();
        }
    }

    /// <summary>The current virtual time: the time of the action running now, or where the last <see cref="Run"/> stopped.</summary>
    public TimeSpan Now { get; private set; }

    /// <summary>Actions scheduled and not yet run.</summary>
    public int Pending
    {
        get
        {
            var count = _heap.Count;
            foreach (var lane in _lanes)
            {
                count += lane.Count;
            }

            return count;
        }
    }

    /// <summary>Runs <paramref name="action"/> at virtual time <paramref name="at"/>, which must not be earlier than <see cref="Now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is earlier than <see cref="Now"/>.</exception>
    public void At(TimeSpan at, Action action) => Enqueue(at, action ?? throw new ArgumentNullException(nameof(action)));

    /// <summary>Runs <paramref name="action"/> <paramref name="delay"/> after <see cref="Now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public void After(TimeSpan delay, Action action) => At(Now + delay, action);

    internal void At(TimeSpan at, IScheduled work) => Enqueue(at, work);

    internal void After(TimeSpan delay, IScheduled work) => Enqueue(Now + delay, work);

    /// <summary>Runs actions in time order until none is left or the next one is later than <paramref name="until"/>.</summary>
    public void Run(TimeSpan until)
    {
        var limit = until.Ticks;
        while (TryTakeNext(limit, out var work, out var ticks))
        {
            Now = new TimeSpan(ticks);
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
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Cannot schedule at {at} because the simulation's clock is already at {Now}: virtual time only moves forward. Schedule at Now or later.");
        }

        var ticks = at.Ticks;
        var sequence = _sequence++;

        // The lane whose last entry is the latest one not after this one keeps every lane tight (patience sorting);
        // sequence numbers only grow, so "not after" is a comparison of times.
        Lane? best = null;
        Lane? empty = null;
        foreach (var lane in _lanes)
        {
            if (lane.Count == 0)
            {
                empty ??= lane;
            }
            else if (lane.TailTicks <= ticks && (best is null || lane.TailTicks > best.TailTicks))
            {
                best = lane;
            }
        }

        if ((best ?? empty) is { } chosen)
        {
            chosen.Enqueue(work, ticks, sequence);
        }
        else
        {
            _heap.Enqueue(work, new Slot(ticks, sequence));
        }
    }

    private bool TryTakeNext(long limit, out object work, out long ticks)
    {
        Lane? first = null;
        foreach (var lane in _lanes)
        {
            if (lane.Count > 0 && (first is null || lane.HeadTicks < first.HeadTicks || (lane.HeadTicks == first.HeadTicks && lane.HeadSequence < first.HeadSequence)))
            {
                first = lane;
            }
        }

        if (_heap.TryPeek(out var heapWork, out var heapSlot)
            && (first is null || heapSlot.Ticks < first.HeadTicks || (heapSlot.Ticks == first.HeadTicks && heapSlot.Sequence < first.HeadSequence)))
        {
            if (heapSlot.Ticks > limit)
            {
                (work, ticks) = (null!, 0);
                return false;
            }

            _heap.Dequeue();
            (work, ticks) = (heapWork, heapSlot.Ticks);
            return true;
        }

        if (first is not null && first.HeadTicks <= limit)
        {
            ticks = first.HeadTicks;
            work = first.Dequeue();
            return true;
        }

        (work, ticks) = (null!, 0);
        return false;
    }

    /// <summary>A FIFO of work in time order, as a growable ring buffer.</summary>
    private sealed class Lane
    {
        private Entry[] _entries = new Entry[64];
        private int _head;
        private int _count;

        public int Count => _count;

        public long TailTicks { get; private set; }

        public long HeadTicks => _entries[_head].Ticks;

        public long HeadSequence => _entries[_head].Sequence;

        public void Enqueue(object work, long ticks, long sequence)
        {
            if (_count == _entries.Length)
            {
                var grown = new Entry[_entries.Length * 2];
                var firstPart = _entries.Length - _head;
                Array.Copy(_entries, _head, grown, 0, firstPart);
                Array.Copy(_entries, 0, grown, firstPart, _head);
                _entries = grown;
                _head = 0;
            }

            _entries[(_head + _count) & (_entries.Length - 1)] = new Entry(work, ticks, sequence);
            _count++;
            TailTicks = ticks;
        }

        public object Dequeue()
        {
            var work = _entries[_head].Work;
            _entries[_head] = default;
            _head = (_head + 1) & (_entries.Length - 1);
            _count--;
            return work;
        }

        private readonly record struct Entry(object Work, long Ticks, long Sequence);
    }

    private readonly record struct Slot(long Ticks, long Sequence);

    /// <summary>Time, then scheduling order; a sealed comparer the JIT can inline, unlike the tuple's default one.</summary>
    private sealed class SlotOrder : IComparer<Slot>
    {
        public static readonly SlotOrder Instance = new();

        public int Compare(Slot x, Slot y) => x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks) : x.Sequence.CompareTo(y.Sequence);
    }
}
