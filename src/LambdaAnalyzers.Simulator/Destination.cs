using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>Why an asynchronous event was given up.</summary>
public enum FailureCondition
{
    RetriesExhausted,
    EventAgeExceeded,
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

    public Destination(string name) => Name = name;

    public string Name { get; }

    public IReadOnlyList<DestinationRecord> Records => _records;

    internal void Deliver(DestinationRecord record) => _records.Add(record);
}
