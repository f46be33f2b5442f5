using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// Our rules with every callback timed by the callback itself: its wall time, the collector's pauses that
/// ended while it ran, and whether another of our callbacks was running when it started. What the driver logs
/// is wall time inside callbacks, and this says how much of it was the collector stopping every thread, how
/// often our callbacks overlap (each overlapping one is charged the same pause and any wait), and which
/// callbacks ran long.
/// </summary>
public sealed class CallbackPauses
{
    private readonly ConcurrentBag<(string Rule, double At, double Ms, int Thread, string Kind)> _long = new();
    private long _wallTicks;
    private long _pausedTicks;
    private int _callbacks;
    private int _overlapping;
    private int _collections;
    private int _running;
    private long _origin = Stopwatch.GetTimestamp();

    private CallbackPauses()
    {
    }

    public static (ImmutableArray<DiagnosticAnalyzer> Rules, CallbackPauses Pauses) Of(ImmutableArray<DiagnosticAnalyzer> rules)
    {
        var pauses = new CallbackPauses();
        return (rules.Select(r => (DiagnosticAnalyzer)new RewiredRule(r, new Timed(pauses, r.GetType().Name))).ToImmutableArray(), pauses);
    }

    /// <summary>Our callbacks since the last call, all rules together: wall, pauses ended within, how many, how many started beside another of ours, collections ended within.</summary>
    public (TimeSpan Wall, TimeSpan Paused, int Callbacks, int Overlapping, int Collections) Take()
        => (TimeSpan.FromTicks(Interlocked.Exchange(ref _wallTicks, 0)), TimeSpan.FromTicks(Interlocked.Exchange(ref _pausedTicks, 0)), Interlocked.Exchange(ref _callbacks, 0), Interlocked.Exchange(ref _overlapping, 0), Interlocked.Exchange(ref _collections, 0));

    /// <summary>The callbacks over 5 ms since the last call, in the order they started (milliseconds after <see cref="StartClock"/>).</summary>
    public List<(string Rule, double At, double Ms, int Thread, string Kind)> TakeLong()
    {
        var taken = new List<(string, double, double, int, string)>();
        while (_long.TryTake(out var item))
        {
            taken.Add(item);
        }

        return taken.OrderBy(l => l.Item2).ToList();
    }

    /// <summary>Where the long callbacks' start times count from: the start of an analysis.</summary>
    public void StartClock() => Interlocked.Exchange(ref _origin, Stopwatch.GetTimestamp());

    private void Add(string rule, long started, TimeSpan paused, int collections, bool overlapping, string kind)
    {
        var wall = Stopwatch.GetElapsedTime(started);
        Interlocked.Add(ref _wallTicks, wall.Ticks);
        Interlocked.Add(ref _pausedTicks, paused.Ticks);
        Interlocked.Add(ref _collections, collections);
        Interlocked.Increment(ref _callbacks);
        if (overlapping)
        {
            Interlocked.Increment(ref _overlapping);
        }

        if (wall.TotalMilliseconds > 5)
        {
            _long.Add((rule, Stopwatch.GetElapsedTime(Interlocked.Read(ref _origin), started).TotalMilliseconds, wall.TotalMilliseconds, Environment.CurrentManagedThreadId, kind));
        }
    }

    private sealed class Timed(CallbackPauses owner, string rule) : ICallbackRewrite
    {
        public Action<T> Start<T>(Action<T> start) => Callback(start);

        public Action<T> Callback<T>(Action<T> callback) => argument =>
        {
            var beside = Interlocked.Increment(ref owner._running) > 1;
            var paused = GC.GetTotalPauseDuration();
            var collections = GC.CollectionCount(0);
            var started = Stopwatch.GetTimestamp();
            try
            {
                callback(argument);
            }
            finally
            {
                owner.Add(rule, started, GC.GetTotalPauseDuration() - paused, GC.CollectionCount(0) - collections, beside, typeof(T).Name);
                Interlocked.Decrement(ref owner._running);
            }
        };
    }
}
