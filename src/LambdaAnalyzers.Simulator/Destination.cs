using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>Why Lambda gave up on an event, message or batch: the <c>condition</c> of AWS's failure records where AWS has one.</summary>
public enum FailureCondition
{
    /// <summary>Asynchronous invocation: every attempt (1 + <see cref="AsyncInvokeConfig.MaximumRetryAttempts"/>) failed.</summary>
    RetriesExhausted,

    /// <summary>Asynchronous invocation: the event waited longer than <see cref="AsyncInvokeConfig.MaximumEventAge"/>.</summary>
    EventAgeExceeded,

    /// <summary>Stream mapping: the batch failed 1 + <see cref="StreamMappingConfig.MaximumRetryAttempts"/> times.</summary>
    RetryAttemptsExhausted,

    /// <summary>Stream mapping: the records were older than <see cref="StreamMappingConfig.MaximumRecordAge"/> when their batch was due.</summary>
    RecordAgeExceeded,

    /// <summary>
    /// SQS redrive: the message was received more than the redrive policy's <see cref="RedrivePolicy.MaxReceiveCount"/> times.
    /// SQS writes no condition of its own; the name is the simulator's, after the setting.
    /// </summary>
    MaxReceiveCountExceeded,
}

/// <summary>What a destination or dead-letter queue receives.</summary>
/// <param name="EventId">The event (or, for streams, the first sequence number of the discarded batch).</param>
/// <param name="Payload">The event payload; null for a stream failure, whose record carries metadata only.</param>
/// <param name="Condition">For failures: why the event was given up.</param>
/// <param name="ApproximateInvokeCount">How many times the function was invoked with it.</param>
/// <param name="Error">The last error, if any.</param>
public sealed record DestinationRecord(string EventId, object? Payload, FailureCondition? Condition, int ApproximateInvokeCount, string? Error);

/// <summary>An SQS queue, SNS topic, EventBridge bus or function used as a destination or dead-letter queue.</summary>
public sealed class Destination
{
    private readonly List<DestinationRecord> _records = new();
    private readonly List<FailureRecord> _failures = new();

    /// <summary>Creates a destination; give it to <see cref="AsyncInvokeConfig"/> or <see cref="StreamMappingConfig"/>.</summary>
    public Destination(string name) => Name = name;

    /// <summary>The destination's name, as <see cref="FailureRecord.Target"/> gives it.</summary>
    public string Name { get; }

    /// <summary>Every record received, success and failure, in the order received.</summary>
    public IReadOnlyList<DestinationRecord> Records => _records;

    /// <summary>The failure records received, with their time, condition and what they cover.</summary>
    public IReadOnlyList<FailureRecord> Failures => _failures;

    internal void Deliver(DestinationRecord record) => _records.Add(record);

    internal void Deliver(DestinationRecord record, FailureRecord failure)
    {
        _records.Add(record);
        _failures.Add(failure);
    }
}
