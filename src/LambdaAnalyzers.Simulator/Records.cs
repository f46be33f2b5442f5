using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>How the function was invoked: which of Lambda's invocation paths brought the event.</summary>
public enum InvocationSource
{
    /// <summary>Synchronous (RequestResponse) invocation: <see cref="Simulation.Invoke"/>.</summary>
    Sync,

    /// <summary>Asynchronous (Event) invocation through Lambda's internal queue: <see cref="Simulation.InvokeAsync"/>.</summary>
    Async,

    /// <summary>An SQS event source mapping: <see cref="Simulation.MapSqs"/>.</summary>
    Sqs,

    /// <summary>A Kinesis or DynamoDB stream event source mapping: <see cref="Simulation.MapStream"/>.</summary>
    Stream,
}

/// <summary>
/// One attempt of one invocation, as a test can assert on it: which function, from which source, with which
/// events, in which environment, when (virtual time) and how it ended. Kept in <see cref="Simulation.Invocations"/>
/// when <see cref="SimulationOptions.KeepRecords"/> is set, and raised as <see cref="Simulation.InvocationCompleted"/>.
/// </summary>
/// <param name="Function">The function's name.</param>
/// <param name="Source">The invocation path.</param>
/// <param name="SourceName">The queue or stream name for event source mappings; null for sync and async invocations.</param>
/// <param name="RequestId">The request ID the handler saw (<see cref="InvocationContext.RequestId"/>); a new one per attempt, as in Lambda.</param>
/// <param name="EventId">The asynchronous event's ID (the one <see cref="Simulation.InvokeAsync"/> returned), the same on every attempt; null otherwise.</param>
/// <param name="MessageIds">The SQS message IDs or stream sequence numbers of the batch; empty for sync and async invocations.</param>
/// <param name="Attempt">1 for the first delivery; asynchronous retries count 2 and 3; for SQS, the highest receive count in the batch; for streams, 1 + the failed attempts of the batch.</param>
/// <param name="EnvironmentId">The execution environment that ran it; null when it was throttled.</param>
/// <param name="ColdStart">Whether the environment was initialised for this invocation.</param>
/// <param name="Start">Virtual time the invocation got its environment (before the init phase on a cold start).</param>
/// <param name="End">Virtual time the environment was free again: <paramref name="Start"/> + init + handler duration.</param>
/// <param name="InitDuration">The init phase's duration on a cold start (runtime init + init code); zero when warm.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The error ("InvalidOperationException: declined", "Task timed out", "TooManyRequestsException"), or null.</param>
/// <param name="Duplicate">Whether this is an at-least-once duplicate delivery (no failure involved) rather than a first delivery or retry.</param>
public sealed record InvocationRecord(
    string Function,
    InvocationSource Source,
    string? SourceName,
    string RequestId,
    string? EventId,
    IReadOnlyList<string> MessageIds,
    int Attempt,
    int? EnvironmentId,
    bool ColdStart,
    TimeSpan Start,
    TimeSpan End,
    TimeSpan InitDuration,
    InvocationStatus Outcome,
    string? Error,
    bool Duplicate)
{
    /// <summary>The handler's own duration: <see cref="End"/> - <see cref="Start"/> - <see cref="InitDuration"/>.</summary>
    public TimeSpan Duration => End - Start - InitDuration;

    /// <summary>Virtual time the handler started: after the init phase on a cold start.</summary>
    public TimeSpan HandlerStart => Start + InitDuration;
}

/// <summary>
/// An event, message or batch that Lambda gave up on, whatever the failure target: an asynchronous invocation's
/// on-failure destination or dead-letter queue, an SQS queue's redrive to its dead-letter queue, or a stream
/// mapping's on-failure destination. A failure with no target (lost) is recorded too, with a null <see cref="Target"/>.
/// </summary>
/// <param name="Time">Virtual time Lambda (or SQS, for a redrive) gave up.</param>
/// <param name="Function">The function that failed to process it.</param>
/// <param name="Source">The invocation path it came through.</param>
/// <param name="Condition">Why it was given up, in AWS's words.</param>
/// <param name="ApproximateInvokeCount">How many times the function was invoked with it (for SQS, the receives).</param>
/// <param name="Target">The destination or queue that received this record; null when the event was lost.</param>
/// <param name="RecordIds">What it covers: the async event ID, the SQS message ID, or every sequence number of the discarded stream records.</param>
/// <param name="Payload">The event or message body; null for streams, whose failure records carry metadata only.</param>
/// <param name="Error">The last error, if any.</param>
/// <param name="ShardId">Streams: the shard the records came from.</param>
/// <param name="StartSequenceNumber">Streams: the first discarded sequence number.</param>
/// <param name="EndSequenceNumber">Streams: the last discarded sequence number.</param>
public sealed record FailureRecord(
    TimeSpan Time,
    string Function,
    InvocationSource Source,
    FailureCondition Condition,
    int ApproximateInvokeCount,
    string? Target,
    IReadOnlyList<string> RecordIds,
    object? Payload,
    string? Error,
    string? ShardId = null,
    string? StartSequenceNumber = null,
    string? EndSequenceNumber = null);

/// <summary>Counters for one function or one event source. Read them at any time; the simulation updates them as it runs.</summary>
public sealed class InvocationMetrics
{
    internal InvocationMetrics(string name) => Name = name;

    /// <summary>The function's name, or the source's: "sync", "async", "sqs:&lt;queue&gt;", "stream:&lt;stream&gt;".</summary>
    public string Name { get; }

    /// <summary>Invocations that got an environment (throttles excluded).</summary>
    public long Invocations { get; internal set; }

    /// <summary>Invocations that started a new environment.</summary>
    public long ColdStarts { get; internal set; }

    /// <summary>Invocations that returned without error.</summary>
    public long Succeeded { get; internal set; }

    /// <summary>Invocations that ended in an error, a timeout included.</summary>
    public long Errors { get; internal set; }

    /// <summary>Invocations stopped at the function's timeout.</summary>
    public long Timeouts { get; internal set; }

    /// <summary>Invocation requests refused for lack of concurrency.</summary>
    public long Throttles { get; internal set; }

    /// <summary>At-least-once duplicate deliveries among <see cref="Invocations"/>.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Environment time used: init phases and handler durations.</summary>
    public TimeSpan TotalDuration { get; internal set; }

    /// <summary>Time spent in init phases.</summary>
    public TimeSpan TotalInitDuration { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Invocations} invocations, {ColdStarts} cold, {Errors} errors ({Timeouts} timeouts), {Throttles} throttles";
}

/// <summary>Where an invocation came from, with the counters of that source.</summary>
internal sealed class EventSource
{
    public EventSource(InvocationSource kind, string? name, Metrics metrics)
    {
        Kind = kind;
        Name = name;
        Counters = metrics.Source(kind switch
        {
            InvocationSource.Sync => "sync",
            InvocationSource.Async => "async",
            InvocationSource.Sqs => "sqs:" + name,
            _ => "stream:" + name,
        });
    }

    public InvocationSource Kind { get; }

    public string? Name { get; }

    public InvocationMetrics Counters { get; }
}
