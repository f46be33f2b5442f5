using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LambdaAnalyzers.Simulator;

/// <summary>How an event (a sync request, an async event, an SQS message, a stream record) ended. Each ends in exactly one.</summary>
public enum EventOutcome
{
    /// <summary>Processed (deleted from the queue, checkpointed past, or answered).</summary>
    Succeeded,

    /// <summary>Synchronous: the error went back to the caller, who decides.</summary>
    FailedToCaller,

    /// <summary>Synchronous: refused with 429 TooManyRequestsException.</summary>
    Throttled,

    /// <summary>Given up and recorded by an on-failure destination (async, streams).</summary>
    SentToOnFailureDestination,

    /// <summary>Given up and moved to a dead-letter queue (the function's for async, the queue's redrive for SQS).</summary>
    DeadLettered,

    /// <summary>Given up with nowhere to go: lost.</summary>
    Dropped,

    /// <summary>Aged out: SQS retention or stream retention ended before it succeeded. Lost.</summary>
    Expired,

    /// <summary>SQS: a partial batch response without ReportBatchItemFailures: failed, yet deleted. Lost.</summary>
    DeletedDespiteFailure,
}

/// <summary>The hot trace events, hashed from their numbers.</summary>
internal enum TraceKind
{
    Invoke = 1,
    Throttle = 2,
}

/// <summary>Counters, latencies, concurrency and the fate of every event; a text and a JSON report.</summary>
public sealed class Metrics
{
    /// <summary>Counter: invocations that got an environment.</summary>
    public const string Invocations = "invocations";

    /// <summary>Counter: invocations that started a new environment.</summary>
    public const string ColdStarts = "coldStarts";

    /// <summary>Counter: invocation requests refused for lack of concurrency.</summary>
    public const string Throttles = "throttles";

    /// <summary>Counter: invocations that ended in an error, timeouts included.</summary>
    public const string Errors = "errors";

    /// <summary>Counter: invocations stopped at the timeout.</summary>
    public const string Timeouts = "timeouts";

    /// <summary>Counter: events (or messages, or batches) scheduled to be tried again after a failure.</summary>
    public const string Retries = "retries";

    /// <summary>Counter: at-least-once duplicate deliveries.</summary>
    public const string DuplicatesDelivered = "duplicatesDelivered";

    /// <summary>Counter: execution environments created.</summary>
    public const string EnvironmentsCreated = "environmentsCreated";

    /// <summary>Counter: idle (or failed-init) environments Lambda reclaimed.</summary>
    public const string EnvironmentsReclaimed = "environmentsReclaimed";

    /// <summary>Counter: background work that finished during a later invocation.</summary>
    public const string BackgroundCompletedLate = "background.completedLate";

    /// <summary>Counter: background work lost when its environment was reclaimed.</summary>
    public const string BackgroundLost = "background.lost";

    /// <summary>Counter: lines a hosted handler wrote through <c>ILambdaContext.Logger</c>.</summary>
    public const string LogLines = "logLines";

    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InvocationMetrics> _byFunction = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InvocationMetrics> _bySource = new(StringComparer.Ordinal);
    private readonly long[] _outcomes = new long[Enum.GetValues<EventOutcome>().Length];
    private readonly HashSet<long> _open = new();
    private readonly Dictionary<long, long> _latencyMs = new();
    // Busiest concurrency per time bucket, densely by bucket number. Buckets start one second wide and double
    // when a run outgrows MaxConcurrencyBuckets, so memory stays flat however long the simulated run.
    private const int MaxConcurrencyBuckets = 4096;
    private readonly List<int> _concurrencyBuckets = new();
    private long _bucketSeconds = 1;
    private long _nextToken;
    private readonly List<string>? _trace;
    private ulong _traceHash = 14695981039346656037UL;

    internal Metrics(bool keepTrace) => _trace = keepTrace ? new List<string>() : null;

    /// <summary>Per function, by name: invocations, cold starts, errors, throttles, durations.</summary>
    public IReadOnlyDictionary<string, InvocationMetrics> ByFunction => _byFunction;

    /// <summary>Per event source: "sync", "async", "sqs:&lt;queue&gt;", "stream:&lt;stream&gt;" (each mapping's <c>Metrics</c> is the same object).</summary>
    public IReadOnlyDictionary<string, InvocationMetrics> BySource => _bySource;

    internal InvocationMetrics Function(string name)
    {
        if (!_byFunction.TryGetValue(name, out var metrics))
        {
            _byFunction[name] = metrics = new InvocationMetrics(name);
        }

        return metrics;
    }

    internal InvocationMetrics Source(string name)
    {
        if (!_bySource.TryGetValue(name, out var metrics))
        {
            _bySource[name] = metrics = new InvocationMetrics(name);
        }

        return metrics;
    }

    /// <summary>A counter's value (0 when never counted): the named constants of this class, or a name given to <see cref="ExecutionContext.Count"/>.</summary>
    public long this[string counter] => _counters.TryGetValue(counter, out var value) ? value : 0;

    /// <summary>Every counter, in name order.</summary>
    public IReadOnlyDictionary<string, long> Counters => new SortedDictionary<string, long>(_counters, StringComparer.Ordinal);

    /// <summary>How many events ended in <paramref name="outcome"/>.</summary>
    public long Outcome(EventOutcome outcome) => _outcomes[(int)outcome];

    /// <summary>Events accepted: sync requests, async events, SQS messages and stream records.</summary>
    public long EventsAccepted { get; private set; }

    /// <summary>Events that reached their terminal <see cref="EventOutcome"/>.</summary>
    public long EventsFinished => _outcomes.Sum();

    /// <summary>Events accepted and not yet in a terminal state (in flight at the end of the run).</summary>
    public int EventsInFlight => _open.Count;

    /// <summary>Time spent in init phases, provisioned environments included.</summary>
    public TimeSpan TotalInitDuration { get; private set; }

    /// <summary>The most environments busy at once, over all functions.</summary>
    public int MaxConcurrency { get; private set; }

    /// <summary>
    /// Busiest concurrency seen in each bucket of virtual time that had any, keyed by the bucket's first second.
    /// Buckets are one second wide (<see cref="ConcurrencyBucketSeconds"/>) until the run passes 4,096 of them;
    /// then they double in width as often as needed.
    /// </summary>
    public IReadOnlyDictionary<long, int> ConcurrencyBySecond
    {
        get
        {
            var buckets = new SortedDictionary<long, int>();
            for (var i = 0; i < _concurrencyBuckets.Count; i++)
            {
                if (_concurrencyBuckets[i] > 0)
                {
                    buckets[i * _bucketSeconds] = _concurrencyBuckets[i];
                }
            }

            return buckets;
        }
    }

    /// <summary>The width of the buckets of <see cref="ConcurrencyBySecond"/>, in seconds.</summary>
    public long ConcurrencyBucketSeconds => _bucketSeconds;

    /// <summary>A running hash of every trace line: equal hashes mean equal traces, event for event.</summary>
    public ulong TraceHash => _traceHash;

    /// <summary>The trace, when the simulation keeps it (<see cref="SimulationOptions.KeepTrace"/>).</summary>
    public IReadOnlyList<string> Trace => (IReadOnlyList<string>?)_trace ?? Array.Empty<string>();

    /// <summary>How many latencies were recorded (one per completed invocation).</summary>
    public long LatencyCount => _latencyMs.Values.Sum();

    /// <summary>Adds <paramref name="amount"/> to a counter.</summary>
    public void Add(string counter, long amount = 1)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counters, counter, out _) += amount;
    }

    /// <summary>The latency at percentile <paramref name="percentile"/> (0–100), in whole milliseconds.</summary>
    public TimeSpan LatencyPercentile(double percentile)
    {
        var total = LatencyCount;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        foreach (var (ms, count) in _latencyMs.OrderBy(pair => pair.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        return TimeSpan.FromMilliseconds(_latencyMs.Keys.Max());
    }

    /// <summary>Registers a new event; the token identifies it until it reaches its terminal state.</summary>
    internal long Accept()
    {
        var token = ++_nextToken;
        _open.Add(token);
        EventsAccepted++;
        return token;
    }

    internal void Finish(long token, EventOutcome outcome)
    {
        if (!_open.Remove(token))
        {
            throw new InvalidOperationException($"Event #{token} reached a second terminal state ({outcome}).");
        }

        _outcomes[(int)outcome]++;
    }

    internal void RecordLatency(TimeSpan latency)
        => System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_latencyMs, (long)latency.TotalMilliseconds, out _)++;

    internal void RecordInit(TimeSpan duration) => TotalInitDuration += duration;

    internal void RecordConcurrency(TimeSpan at, int concurrency)
    {
        MaxConcurrency = Math.Max(MaxConcurrency, concurrency);
        var second = at.Ticks / TimeSpan.TicksPerSecond;
        while (second / _bucketSeconds >= MaxConcurrencyBuckets)
        {
            for (var i = 0; i < _concurrencyBuckets.Count; i += 2)
            {
                _concurrencyBuckets[i / 2] = Math.Max(_concurrencyBuckets[i], i + 1 < _concurrencyBuckets.Count ? _concurrencyBuckets[i + 1] : 0);
            }

            _concurrencyBuckets.RemoveRange((_concurrencyBuckets.Count + 1) / 2, _concurrencyBuckets.Count / 2);
            _bucketSeconds *= 2;
        }

        var bucket = (int)(second / _bucketSeconds);
        while (_concurrencyBuckets.Count <= bucket)
        {
            _concurrencyBuckets.Add(0);
        }

        _concurrencyBuckets[bucket] = Math.Max(_concurrencyBuckets[bucket], concurrency);
    }

    /// <summary>Mixes a trace event into the hash from its numbers alone, so an untraced run allocates nothing for it.</summary>
    internal void TraceEvent(TimeSpan at, TraceKind kind, long a, long b = 0, long c = 0, long d = 0)
    {
        Mix(at.Ticks);
        Mix((long)kind);
        Mix(a);
        Mix(b);
        Mix(c);
        Mix(d);
        _trace?.Add(string.Create(CultureInfo.InvariantCulture, $"{at.Ticks} {kind} {a} {b} {c} {d}"));
    }

    internal void TraceLine(TimeSpan at, string line)
    {
        Mix(at.Ticks);
        foreach (var c in line)
        {
            _traceHash = (_traceHash ^ c) * 1099511628211UL;
        }

        _trace?.Add(at.Ticks.ToString(CultureInfo.InvariantCulture) + " " + line);
    }

    private void Mix(long value)
    {
        for (var i = 0; i < 8; i++)
        {
            _traceHash = (_traceHash ^ (byte)(value >> (8 * i))) * 1099511628211UL;
        }
    }

    /// <summary>A readable report: outcomes, counters, init time, concurrency, latency percentiles.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"events accepted      {EventsAccepted}");
        foreach (var outcome in Enum.GetValues<EventOutcome>().Where(o => Outcome(o) > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {outcome,-26} {Outcome(outcome)}");
        }

        if (EventsInFlight > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {"in flight",-26} {EventsInFlight}");
        }

        foreach (var (name, value) in Counters)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-20} {value}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"init time",-20} {TotalInitDuration.TotalMilliseconds:0} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"max concurrency",-20} {MaxConcurrency}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"latency p50/p99",-20} {LatencyPercentile(50).TotalMilliseconds:0} / {LatencyPercentile(99).TotalMilliseconds:0} ms");
        return text.ToString();
    }

    /// <summary>The same report as JSON, with the trace hash.</summary>
    public string ToJson()
        => JsonSerializer.Serialize(new
        {
            eventsAccepted = EventsAccepted,
            eventsInFlight = EventsInFlight,
            outcomes = Enum.GetValues<EventOutcome>().ToDictionary(o => o.ToString(), Outcome),
            counters = Counters,
            initMilliseconds = TotalInitDuration.TotalMilliseconds,
            maxConcurrency = MaxConcurrency,
            latencyMilliseconds = new { p50 = LatencyPercentile(50).TotalMilliseconds, p90 = LatencyPercentile(90).TotalMilliseconds, p99 = LatencyPercentile(99).TotalMilliseconds },
            traceHash = TraceHash.ToString("x16", CultureInfo.InvariantCulture),
        }, new JsonSerializerOptions { WriteIndented = true });
}
