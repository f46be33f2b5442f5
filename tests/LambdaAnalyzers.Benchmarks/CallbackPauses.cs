using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// Our rules with every callback timed by the callback itself: its wall time, the collector's pauses that
/// ended while it ran, and how many of our callbacks were running when it started. What the driver logs is
/// wall time inside callbacks, and this says how much of it was the collector stopping every thread, and
/// how often our callbacks overlap (each overlapping one is charged the same pause and any wait).
/// </summary>
public sealed class CallbackPauses
{
    private readonly ConcurrentDictionary<string, Tally> _tallies = new();
    private int _running;

    private CallbackPauses()
    {
    }

    public static (ImmutableArray<DiagnosticAnalyzer> Rules, CallbackPauses Pauses) Of(ImmutableArray<DiagnosticAnalyzer> rules)
    {
        var pauses = new CallbackPauses();
        return (rules.Select(r => (DiagnosticAnalyzer)new RewiredRule(r, pauses.For(r.GetType().Name))).ToImmutableArray(), pauses);
    }

    /// <summary>Each rule's callbacks since the last call: wall, pauses within, callbacks started beside another of ours.</summary>
    public IReadOnlyDictionary<string, (TimeSpan Wall, TimeSpan Paused, int Callbacks, int Overlapping, int Collections)> TakeTallies()
        => _tallies.ToDictionary(p => p.Key, p => p.Value.Take());

    private Timed For(string rule) => new(this, rule, _tallies.GetOrAdd(rule, _ => new Tally()));

    public long Origin { get; set; } = Stopwatch.GetTimestamp();

    public ConcurrentBag<(string Rule, double At, double Ms, int Thread, string Kind)> Long { get; } = new();

    private sealed class Timed(CallbackPauses owner, string name, Tally tally) : ICallbackRewrite
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
                var wall = Stopwatch.GetElapsedTime(started);
                tally.Add(wall, GC.GetTotalPauseDuration() - paused, GC.CollectionCount(0) - collections, beside);
                if (wall.TotalMilliseconds > 5)
                {
                    owner.Long.Add((name, Stopwatch.GetElapsedTime(owner.Origin, started).TotalMilliseconds, wall.TotalMilliseconds, Environment.CurrentManagedThreadId, typeof(T).Name));
                }
                Interlocked.Decrement(ref owner._running);
            }
        };
    }

    private sealed class Tally
    {
        private long _wallTicks;
        private long _pausedTicks;
        private int _callbacks;
        private int _overlapping;
        private int _collections;

        public void Add(TimeSpan wall, TimeSpan paused, int collections, bool overlapping)
        {
            Interlocked.Add(ref _collections, collections);
            Interlocked.Add(ref _wallTicks, wall.Ticks);
            Interlocked.Add(ref _pausedTicks, paused.Ticks);
            Interlocked.Increment(ref _callbacks);
            if (overlapping)
            {
                Interlocked.Increment(ref _overlapping);
            }
        }

        public (TimeSpan, TimeSpan, int, int, int) Take()
            => (TimeSpan.FromTicks(Interlocked.Exchange(ref _wallTicks, 0)), TimeSpan.FromTicks(Interlocked.Exchange(ref _pausedTicks, 0)), Interlocked.Exchange(ref _callbacks, 0), Interlocked.Exchange(ref _overlapping, 0), Interlocked.Exchange(ref _collections, 0));
    }
}
