using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Simulator;

/// <summary>A Kinesis data stream's or DynamoDB stream's settings.</summary>
public sealed record StreamConfig
{
    /// <summary>Number of shards; records are assigned by a hash of their partition key.</summary>
    public int Shards { get; init; } = 1;

    /// <summary>Kinesis default 24 h (up to 365 days); DynamoDB Streams 24 h.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);
}

/// <summary>A record as the handler sees it.</summary>
public sealed record StreamRecord(string SequenceNumber, string PartitionKey, object? Data, TimeSpan ArrivedAt);

/// <summary>The stream event: a batch of records from one shard, in order.</summary>
public sealed record StreamBatch(string ShardId, IReadOnlyList<StreamRecord> Records);

/// <summary>A stream event source mapping's settings, with Lambda's defaults and ranges.</summary>
public sealed record StreamMappingConfig
{
    /// <summary>Default 100; up to 10,000.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>-1 (default): retry until the records expire; 0 to 10,000 otherwise.</summary>
    public int MaximumRetryAttempts { get; init; } = -1;

    /// <summary>Null (default, -1 in AWS): no limit; 60 s to 7 days otherwise.</summary>
    public TimeSpan? MaximumRecordAge { get; init; }

    /// <summary>On a function error, split the failed batch in two and retry the halves (not counted as retries).</summary>
    public bool BisectBatchOnFunctionError { get; init; }

    /// <summary>Receives metadata about discarded batches (not the records).</summary>
    public Destination? OnFailure { get; init; }

    /// <summary>1 to 10 concurrent batches per shard; order is kept per partition key.</summary>
    public int ParallelizationFactor { get; init; } = 1;

    /// <summary>Honour a partial batch response: checkpoint before the first failed record and retry from it.</summary>
    public bool ReportBatchItemFailures { get; init; }

    /// <summary>
    /// Pause before retrying a failed batch. AWS retries promptly and documents no number; this is the
    /// simulator's parameter, default 1 s.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (BatchSize is < 1 or > 10000 || MaximumRetryAttempts is < -1 or > 10000 || ParallelizationFactor is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), "Batch size 1–10,000, retries -1–10,000, parallelization 1–10.");
        }

        if (MaximumRecordAge is { } age && (age < TimeSpan.FromSeconds(60) || age > TimeSpan.FromDays(7)))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRecordAge), age, "The maximum record age ranges from 60 s to 7 days.");
        }
    }
}

/// <summary>A Kinesis data stream or DynamoDB stream: records kept in order per shard.</summary>
public sealed class DataStream
{
    private readonly Simulation _simulation;
    private long _nextSequence;

    internal DataStream(Simulation simulation, string name, StreamConfig config)
    {
        _simulation = simulation;
        Name = name;
        Config = config;
    }

    /// <summary>The stream's name; sequence numbers start with it.</summary>
    public string Name { get; }

    /// <summary>The stream's settings.</summary>
    public StreamConfig Config { get; }

    internal StreamEventSourceMapping? Mapping { get; set; }

    /// <summary>Writes a record at <paramref name="at"/>; returns its sequence number.</summary>
    public string Put(string partitionKey, object? data, TimeSpan at)
    {
        var sequence = Name + "-" + (++_nextSequence).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        _simulation.Clock.At(at, () =>
        {
            var token = _simulation.Metrics.Accept();
            var record = new StreamRecord(sequence, partitionKey, data, _simulation.Now);
            if (Mapping is { } mapping)
            {
                mapping.Append(record, token);
            }
            else
            {
                _simulation.Clock.After(Config.Retention, () => _simulation.Metrics.Finish(token, EventOutcome.Expired));
            }
        });
        return sequence;
    }

    /// <summary>FNV-1a: a stable hash, so records land in the same shard on every run.</summary>
    internal static uint Hash(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}

/// <summary>
/// Lambda's stream pollers: per shard (and per parallelization lane), batches in order; a failed batch is
/// retried, blocking the lane, until it succeeds, its records expire, or the retry or age limit discards it.
/// </summary>
public sealed class StreamEventSourceMapping
{
    private readonly Simulation _simulation;
    private readonly DataStream _stream;
    private readonly LambdaFunction _function;
    private readonly Dictionary<(int Shard, int Lane), Lane> _lanes = new();
    private readonly EventSource _source;

    internal StreamEventSourceMapping(Simulation simulation, DataStream stream, LambdaFunction function, StreamMappingConfig config)
    {
        _simulation = simulation;
        _stream = stream;
        _function = function;
        Config = config;
        _source = new EventSource(InvocationSource.Stream, stream.Name, simulation.Metrics);
    }

    /// <summary>The mapping's settings.</summary>
    public StreamMappingConfig Config { get; }

    /// <summary>The invocations this mapping made: batches, cold starts, errors, throttles.</summary>
    public InvocationMetrics Metrics => _source.Counters;

    internal void Append(StreamRecord record, long token)
    {
        var hash = DataStream.Hash(record.PartitionKey);
        var shard = (int)(hash % (uint)_stream.Config.Shards);
        var laneIndex = (int)((hash / (uint)_stream.Config.Shards) % (uint)Config.ParallelizationFactor);
        if (!_lanes.TryGetValue((shard, laneIndex), out var lane))
        {
            _lanes[(shard, laneIndex)] = lane = new Lane("shardId-" + shard.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
        }

        lane.Records.Add(record);
        lane.Tokens.Add(record, token);

        // Pollers read the shard on their next turn: records written at the same instant share a batch.
        if (!lane.Busy)
        {
            lane.Busy = true;
            _simulation.Clock.After(TimeSpan.Zero, () => Resume(lane));
        }
    }

    private void Resume(Lane lane)
    {
        lane.Busy = false;
        Process(lane);
    }

    private void Process(Lane lane)
    {
        if (lane.Busy)
        {
            return;
        }

        DropExpired(lane);
        if (lane.Records.Count == 0)
        {
            return;
        }

        var size = Math.Min(Config.BatchSize, lane.BisectLimit ?? int.MaxValue);
        var batch = lane.Records.Take(size).ToList();
        lane.Busy = true;
        _simulation.Execute(_function, new StreamBatch(lane.ShardId, batch), _source, eventId: null, lane.FailedAttempts + 1, outcome =>
        {
            lane.Busy = false;
            var failedAt = FirstFailure(outcome, batch);
            if (failedAt is not null)
            {
                lane.LastError = outcome.Succeeded ? "listed in batchItemFailures" : outcome.Error;
            }

            if (failedAt is null)
            {
                Succeed(lane, batch.Count);
                lane.FailedAttempts = 0;
                lane.BisectLimit = null;
                lane.LastError = null;
                Process(lane);
                return;
            }

            // Lambda checkpoints before the first failed record and retries from it.
            Succeed(lane, failedAt.Value);
            if (outcome.Succeeded is false && Config.BisectBatchOnFunctionError && batch.Count - failedAt.Value > 1)
            {
                lane.BisectLimit = (batch.Count - failedAt.Value) / 2; // halving does not count against the retries
                Process(lane);
                return;
            }

            lane.FailedAttempts++;
            if (Config.MaximumRetryAttempts >= 0 && lane.FailedAttempts > Config.MaximumRetryAttempts)
            {
                Discard(lane, batch.Count - failedAt.Value, FailureCondition.RetryAttemptsExhausted);
                lane.FailedAttempts = 0;
                lane.BisectLimit = null;
                lane.LastError = null;
                Process(lane);
                return;
            }

            // The lane stays blocked while it waits: later records queue behind the failed batch.
            _simulation.Metrics.Add(Simulator.Metrics.Retries);
            lane.Busy = true;
            _simulation.Clock.After(Config.RetryDelay, () => Resume(lane));
        });
    }

    /// <summary>Index of the first failed record, or null when the batch succeeded.</summary>
    private int? FirstFailure(InvocationOutcome outcome, List<StreamRecord> batch)
    {
        if (!outcome.Succeeded)
        {
            return 0;
        }

        if (!Config.ReportBatchItemFailures || outcome.Response is not BatchResponse { BatchItemFailures.Count: > 0 } response)
        {
            return null;
        }

        var indexes = response.BatchItemFailures.Select(id => batch.FindIndex(r => r.SequenceNumber == id)).ToList();
        return indexes.Any(i => i < 0) ? 0 : indexes.Min();
    }

    private void Succeed(Lane lane, int count)
    {
        foreach (var record in lane.Records.Take(count).ToList())
        {
            lane.Remove(record, _simulation.Metrics, EventOutcome.Succeeded);
        }
    }

    private void Discard(Lane lane, int count, FailureCondition condition)
    {
        var discarded = lane.Records.Take(count).ToList();
        if (discarded.Count == 0)
        {
            return;
        }

        var first = discarded[0].SequenceNumber;
        var last = discarded[^1].SequenceNumber;
        _simulation.Trace($"discard {discarded.Count} records of {lane.ShardId} from {first}: {condition}");

        var invokeCount = lane.FailedAttempts;
        var failure = new FailureRecord(
            _simulation.Now, _function.Name, InvocationSource.Stream, condition, invokeCount, Config.OnFailure?.Name,
            discarded.Select(r => r.SequenceNumber).ToArray(), null, lane.LastError, lane.ShardId, first, last);
        if (Config.OnFailure is { } onFailure)
        {
            onFailure.Deliver(new DestinationRecord(first, null, condition, invokeCount, condition + "; last sequence " + last), failure);
        }

        _simulation.RecordFailure(failure);
        foreach (var record in discarded)
        {
            lane.Remove(record, _simulation.Metrics, Config.OnFailure is null ? EventOutcome.Dropped : EventOutcome.SentToOnFailureDestination);
        }
    }

    private void DropExpired(Lane lane)
    {
        var now = _simulation.Now;
        while (lane.Records.Count > 0)
        {
            var head = lane.Records[0];
            if (now - head.ArrivedAt > _stream.Config.Retention)
            {
                lane.Remove(head, _simulation.Metrics, EventOutcome.Expired);
                continue;
            }

            if (Config.MaximumRecordAge is { } maximumAge && now - head.ArrivedAt > maximumAge)
            {
                Discard(lane, lane.Records.TakeWhile(r => now - r.ArrivedAt > maximumAge).Count(), FailureCondition.RecordAgeExceeded);

                // The failing batch is gone: the records behind it start with a clean slate.
                lane.FailedAttempts = 0;
                lane.BisectLimit = null;
                lane.LastError = null;
                continue;
            }

            break;
        }
    }

    private sealed class Lane
    {
        public Lane(string shardId) => ShardId = shardId;

        public string ShardId { get; }

        public List<StreamRecord> Records { get; } = new();

        public Dictionary<StreamRecord, long> Tokens { get; } = new(ReferenceEqualityComparer.Instance);

        public void Remove(StreamRecord record, Metrics metrics, EventOutcome outcome)
        {
            Records.Remove(record);
            if (Tokens.Remove(record, out var token))
            {
                metrics.Finish(token, outcome);
            }
        }

        public bool Busy { get; set; }

        public int FailedAttempts { get; set; }

        public int? BisectLimit { get; set; }

        public string? LastError { get; set; }
    }
}

public sealed partial class Simulation
{
    /// <summary>Adds a Kinesis data stream or DynamoDB stream.</summary>
    public DataStream AddStream(string name, StreamConfig? config = null) => new(this, name, config ?? new StreamConfig());

    /// <summary>Connects a stream to a function through a stream event source mapping.</summary>
    public StreamEventSourceMapping MapStream(DataStream stream, LambdaFunction function, StreamMappingConfig? config = null)
    {
        config ??= new StreamMappingConfig();
        config.Validate();
        if (stream.Mapping is not null)
        {
            throw new InvalidOperationException($"Stream {stream.Name} is already mapped.");
        }

        var mapping = new StreamEventSourceMapping(this, stream, function, config);
        stream.Mapping = mapping;
        return mapping;
    }
}
