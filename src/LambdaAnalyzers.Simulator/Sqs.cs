using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Simulator;

/// <summary>Redrive on the source queue: after <see cref="MaxReceiveCount"/> receives a message moves to the dead-letter queue.</summary>
public sealed record RedrivePolicy(SqsQueue DeadLetterQueue, int MaxReceiveCount)
{
    internal void Validate()
    {
        if (MaxReceiveCount is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReceiveCount), MaxReceiveCount, "maxReceiveCount ranges from 1 to 1,000.");
        }
    }
}

/// <summary>An SQS queue's settings, with SQS's defaults and ranges.</summary>
public sealed record QueueConfig
{
    /// <summary>0 s to 12 h; default 30 s. AWS recommends at least six times the function timeout.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>60 s to 14 days; default 4 days.</summary>
    public TimeSpan RetentionPeriod { get; init; } = TimeSpan.FromDays(4);

    /// <summary>A FIFO queue: messages of a group are delivered in order, one batch of a group at a time.</summary>
    public bool Fifo { get; init; }

    /// <summary>Where messages go after too many receives; null: retried until retention expires.</summary>
    public RedrivePolicy? Redrive { get; init; }

    /// <summary>Standard queues only: probability that a received message is delivered once more later.</summary>
    public double DuplicateRate { get; init; }

    internal void Validate()
    {
        if (VisibilityTimeout < TimeSpan.Zero || VisibilityTimeout > TimeSpan.FromHours(12))
        {
            throw new ArgumentOutOfRangeException(nameof(VisibilityTimeout), VisibilityTimeout, "The visibility timeout ranges from 0 s to 12 h.");
        }

        if (RetentionPeriod < TimeSpan.FromSeconds(60) || RetentionPeriod > TimeSpan.FromDays(14))
        {
            throw new ArgumentOutOfRangeException(nameof(RetentionPeriod), RetentionPeriod, "Retention ranges from 60 s to 14 days.");
        }

        Redrive?.Validate();
    }
}

/// <summary>A message as the handler sees it.</summary>
public sealed record SqsMessage(string MessageId, object? Body, string? MessageGroupId, int ApproximateReceiveCount);

/// <summary>The SQS event: a batch of messages.</summary>
/// <param name="Records">The messages, oldest first.</param>
public sealed record SqsBatch(IReadOnlyList<SqsMessage> Records)
{
    /// <summary>The queue the batch was received from (its ARN in the JSON event a hosted handler receives).</summary>
    public string? QueueName { get; init; }
}

/// <summary>A partial batch response: the IDs (message IDs, or stream sequence numbers) of the records that failed.</summary>
public sealed record BatchResponse(IReadOnlyList<string> BatchItemFailures)
{
    /// <summary>A response naming no failure.</summary>
    public static BatchResponse AllSucceeded { get; } = new(Array.Empty<string>());
}

/// <summary>An SQS queue: messages with visibility, receive counts, retention and redrive.</summary>
public sealed class SqsQueue
{
    private readonly Simulation _simulation;
    private readonly HashSet<QueuedMessage> _live = new();

    // Standard queues: messages by the time they become visible (entries whose time is stale are skipped).
    private readonly PriorityQueue<QueuedMessage, (TimeSpan VisibleAt, long Order)> _byVisibility = new();

    // FIFO queues: messages in send order, scanned group by group.
    private readonly List<QueuedMessage> _fifoOrder = new();
    private readonly List<SqsMessage> _deadLetters = new();
    private readonly List<FailureRecord> _failures = new();
    private long _nextMessageId;

    internal SqsQueue(Simulation simulation, string name, QueueConfig config)
    {
        _simulation = simulation;
        Name = name;
        Config = config;
    }

    /// <summary>The queue's name; message IDs start with it.</summary>
    public string Name { get; }

    /// <summary>The queue's settings.</summary>
    public QueueConfig Config { get; }

    /// <summary>Messages moved here by another queue's redrive policy.</summary>
    public IReadOnlyList<SqsMessage> DeadLetters => _deadLetters;

    /// <summary>The failure records of the messages moved here by another queue's redrive: when, after how many receives, the last error.</summary>
    public IReadOnlyList<FailureRecord> Failures => _failures;

    /// <summary>Messages waiting or in flight (not deleted, not expired), and those moved here by a redrive.</summary>
    public int ApproximateNumberOfMessages => _live.Count + _deadLetters.Count;

    internal SqsEventSourceMapping? Mapping { get; set; }

    /// <summary>Sends a message at <paramref name="at"/>; returns its ID.</summary>
    public string Send(object? body, TimeSpan at, string? messageGroupId = null)
    {
        if (Config.Fifo && messageGroupId is null)
        {
            throw new ArgumentException("FIFO queues need a message group ID.", nameof(messageGroupId));
        }

        var order = ++_nextMessageId;
        var id = Name + "-" + order.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        _simulation.Clock.At(at, () =>
        {
            var message = new QueuedMessage(id, _simulation.Metrics.Accept(), order, body, messageGroupId, _simulation.Now);
            _live.Add(message);
            if (Config.Fifo)
            {
                _fifoOrder.Add(message);
            }
            else
            {
                _byVisibility.Enqueue(message, (message.VisibleAt, order));
            }

            _simulation.Clock.After(Config.RetentionPeriod, () => Expire(message));
            Mapping?.PollSoon();
        });
        return id;
    }

    /// <summary>Up to <paramref name="max"/> messages visible now, oldest first; FIFO: never two of a group, nor one behind an invisible one.</summary>
    internal List<QueuedMessage> TakeVisible(TimeSpan now, int max)
    {
        var taken = new List<QueuedMessage>();
        if (Config.Fifo)
        {
            var blockedGroups = new HashSet<string>(StringComparer.Ordinal);
            foreach (var message in _fifoOrder)
            {
                if (taken.Count == max)
                {
                    break;
                }

                if (blockedGroups.Contains(message.GroupId!))
                {
                    continue;
                }

                if (message.VisibleAt > now)
                {
                    blockedGroups.Add(message.GroupId!);
                    continue;
                }

                taken.Add(message);
            }

            return taken;
        }

        while (taken.Count < max && _byVisibility.TryPeek(out var message, out var key) && key.VisibleAt <= now)
        {
            _byVisibility.Dequeue();
            if (_live.Contains(message) && message.VisibleAt == key.VisibleAt)
            {
                taken.Add(message);
            }
        }

        return taken;
    }

    /// <summary>Puts back messages taken but not received (the batching window is still open).</summary>
    internal void GiveBack(List<QueuedMessage> messages)
    {
        if (!Config.Fifo)
        {
            foreach (var message in messages)
            {
                _byVisibility.Enqueue(message, (message.VisibleAt, message.Order));
            }
        }
    }

    internal void HideUntil(QueuedMessage message, TimeSpan visibleAt)
    {
        message.VisibleAt = visibleAt;
        if (!Config.Fifo)
        {
            _byVisibility.Enqueue(message, (visibleAt, message.Order));
        }
    }

    internal TimeSpan? NextVisibility(TimeSpan now)
    {
        if (Config.Fifo)
        {
            return _fifoOrder.Where(m => m.VisibleAt > now).Select(m => (TimeSpan?)m.VisibleAt).Min();
        }

        while (_byVisibility.TryPeek(out var message, out var key))
        {
            if (_live.Contains(message) && message.VisibleAt == key.VisibleAt)
            {
                return key.VisibleAt > now ? key.VisibleAt : now;
            }

            _byVisibility.Dequeue();
        }

        return null;
    }

    internal void Delete(QueuedMessage message, EventOutcome outcome)
    {
        if (Remove(message))
        {
            _simulation.Metrics.Finish(message.Token, outcome);
        }
    }

    internal void MoveToDeadLetterQueue(QueuedMessage message, SqsQueue deadLetterQueue, string function)
    {
        if (Remove(message))
        {
            var failure = new FailureRecord(_simulation.Now, function, InvocationSource.Sqs, FailureCondition.MaxReceiveCountExceeded, message.ReceiveCount - 1, deadLetterQueue.Name, new[] { message.Id }, message.Body, message.LastError);
            deadLetterQueue._deadLetters.Add(message.View);
            deadLetterQueue._failures.Add(failure);
            _simulation.RecordFailure(failure);
            _simulation.Metrics.Finish(message.Token, EventOutcome.DeadLettered);
            _simulation.Trace($"redrive {message.Id} to {deadLetterQueue.Name} after {message.ReceiveCount - 1} receives");
        }
    }

    internal bool Contains(QueuedMessage message) => _live.Contains(message);

    private bool Remove(QueuedMessage message)
    {
        if (!_live.Remove(message))
        {
            return false;
        }

        if (Config.Fifo)
        {
            _fifoOrder.Remove(message);
        }

        return true;
    }

    private void Expire(QueuedMessage message)
    {
        if (Remove(message))
        {
            _simulation.Metrics.Finish(message.Token, EventOutcome.Expired);
            _simulation.Trace($"expire {message.Id}");
        }
    }

    internal sealed class QueuedMessage
    {
        public QueuedMessage(string id, long token, long order, object? body, string? groupId, TimeSpan sentAt)
        {
            Id = id;
            Token = token;
            Order = order;
            Body = body;
            GroupId = groupId;
            VisibleAt = sentAt;
        }

        public string Id { get; }

        public long Token { get; }

        public long Order { get; }

        public object? Body { get; }

        public string? GroupId { get; }

        public TimeSpan VisibleAt { get; set; }

        public int ReceiveCount { get; set; }

        /// <summary>Why its last receive failed: the batch's error, or its place in a partial batch response.</summary>
        public string? LastError { get; set; }

        public SqsMessage View => new(Id, Body, GroupId, ReceiveCount);
    }
}

/// <summary>An SQS event source mapping's settings.</summary>
public sealed record SqsMappingConfig
{
    /// <summary>Default 10; up to 10,000 for standard queues (more than 10 needs a batching window), 10 for FIFO.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>0 s to 300 s; default 0.</summary>
    public TimeSpan MaximumBatchingWindow { get; init; } = TimeSpan.Zero;

    /// <summary>FunctionResponseTypes ReportBatchItemFailures: honour a partial batch response. Off: the response is ignored, and a message it names is deleted anyway.</summary>
    public bool ReportBatchItemFailures { get; init; }

    /// <summary>2 to 1,000; null: only Lambda's own scaling limits apply.</summary>
    public int? MaximumConcurrency { get; init; }

    /// <summary>Concurrent batches the pollers start with; they add about 300 a minute up to 1,250.</summary>
    public int InitialPollers { get; init; } = 5;

    internal void Validate(QueueConfig queue)
    {
        if (BatchSize < 1 || BatchSize > (queue.Fifo ? 10 : 10000) || (BatchSize > 10 && MaximumBatchingWindow == TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch size: 1–10 (FIFO), up to 10,000 for standard queues with a batching window above 10.");
        }

        if (MaximumBatchingWindow < TimeSpan.Zero || MaximumBatchingWindow > TimeSpan.FromSeconds(300))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumBatchingWindow));
        }

        if (MaximumConcurrency is < 2 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumConcurrency), MaximumConcurrency, "MaximumConcurrency ranges from 2 to 1,000.");
        }
    }
}

/// <summary>
/// Lambda's SQS pollers: receive batches, invoke the function synchronously with each, delete on success.
/// On an error, a timeout or a throttle the batch's messages stay invisible until the visibility timeout,
/// then are received again (every one of them, unless a partial batch response names the failures).
/// </summary>
public sealed class SqsEventSourceMapping
{
    private const int MaxPollers = 1250;
    private readonly Simulation _simulation;
    private readonly SqsQueue _queue;
    private readonly LambdaFunction _function;
    private readonly EventSource _source;
    private TimeSpan? _started;
    private bool _pollPending;
    private TimeSpan? _timedPollAt;
    private int _batchesInFlight;

    internal SqsEventSourceMapping(Simulation simulation, SqsQueue queue, LambdaFunction function, SqsMappingConfig config)
    {
        _simulation = simulation;
        _queue = queue;
        _function = function;
        Config = config;
        _source = new EventSource(InvocationSource.Sqs, queue.Name, simulation.Metrics);
    }

    /// <summary>The mapping's settings.</summary>
    public SqsMappingConfig Config { get; }

    /// <summary>The invocations this mapping made: batches, cold starts, errors, throttles, duplicates.</summary>
    public InvocationMetrics Metrics => _source.Counters;

    /// <summary>Polls at the current instant, once however many messages arrive in it.</summary>
    internal void PollSoon()
    {
        if (!_pollPending)
        {
            _pollPending = true;
            _simulation.Clock.After(TimeSpan.Zero, Poll);
        }
    }

    /// <summary>Polls when a hidden message reappears; only the earliest such time is kept scheduled.</summary>
    private void PollAt(TimeSpan at)
    {
        if (_timedPollAt is { } scheduled && scheduled <= at && scheduled > _simulation.Now)
        {
            return;
        }

        _timedPollAt = at;
        _simulation.Clock.At(at, () =>
        {
            if (_timedPollAt == at)
            {
                _timedPollAt = null;
            }

            Poll();
        });
    }

    private int AllowedConcurrentBatches()
    {
        var minutes = (_simulation.Now - _started!.Value).TotalMinutes;
        var scaled = Config.InitialPollers + (int)(minutes * 300);
        return Math.Min(Math.Min(scaled, MaxPollers), Config.MaximumConcurrency ?? MaxPollers);
    }

    private void Poll()
    {
        _pollPending = false;
        _started ??= _simulation.Now;
        while (_batchesInFlight < AllowedConcurrentBatches())
        {
            var visible = _queue.TakeVisible(_simulation.Now, Config.BatchSize);
            if (visible.Count == 0)
            {
                break;
            }

            if (visible.Count < Config.BatchSize && Config.MaximumBatchingWindow > TimeSpan.Zero)
            {
                var oldestWaitingSince = visible.Min(m => m.VisibleAt);
                if (_simulation.Now < oldestWaitingSince + Config.MaximumBatchingWindow)
                {
                    _queue.GiveBack(visible);
                    PollAt(oldestWaitingSince + Config.MaximumBatchingWindow);
                    return;
                }
            }

            var batch = Receive(visible);
            if (batch.Count > 0)
            {
                Invoke(batch);
            }
        }

        // Visible messages left behind by full pollers wait for a batch to complete (it polls again);
        // invisible ones are polled when they reappear.
        if (_queue.NextVisibility(_simulation.Now) is { } next && next > _simulation.Now)
        {
            PollAt(next);
        }
    }

    private List<SqsQueue.QueuedMessage> Receive(List<SqsQueue.QueuedMessage> candidates)
    {
        var batch = new List<SqsQueue.QueuedMessage>(candidates.Count);
        foreach (var message in candidates)
        {
            message.ReceiveCount++;
            if (_queue.Config.Redrive is { } redrive && message.ReceiveCount > redrive.MaxReceiveCount)
            {
                _queue.MoveToDeadLetterQueue(message, redrive.DeadLetterQueue, _function.Name);
                continue;
            }

            _queue.HideUntil(message, _simulation.Now + _queue.Config.VisibilityTimeout);
            batch.Add(message);
            if (!_queue.Config.Fifo && _queue.Config.DuplicateRate > 0 && _simulation.Random.NextDouble() < _queue.Config.DuplicateRate)
            {
                var copy = message.View;
                _simulation.Clock.After(_queue.Config.VisibilityTimeout + TimeSpan.FromSeconds(1), () =>
                {
                    _simulation.Metrics.Add(Simulator.Metrics.DuplicatesDelivered);
                    _simulation.Trace($"duplicate {copy.MessageId}");
                    _simulation.Execute(_function, new SqsBatch(new[] { copy }) { QueueName = _queue.Name }, _source, eventId: null, attempt: 1, static _ => { }, duplicate: true);
                });
            }
        }

        return batch;
    }

    private void Invoke(List<SqsQueue.QueuedMessage> batch)
    {
        _batchesInFlight++;
        var input = new SqsBatch(batch.Select(m => m.View).ToList()) { QueueName = _queue.Name };
        _simulation.Execute(_function, input, _source, eventId: null, attempt: batch.Max(m => m.ReceiveCount), outcome =>
        {
            _batchesInFlight--;
            if (outcome.Succeeded && IsWellFormed(outcome.Response, batch))
            {
                var failed = new HashSet<string>((outcome.Response as BatchResponse)?.BatchItemFailures ?? Array.Empty<string>(), StringComparer.Ordinal);
                foreach (var message in batch)
                {
                    if (!failed.Contains(message.Id))
                    {
                        _queue.Delete(message, EventOutcome.Succeeded);
                    }
                    else if (!Config.ReportBatchItemFailures)
                    {
                        // The response is ignored without ReportBatchItemFailures: the failed message is deleted too.
                        _queue.Delete(message, EventOutcome.DeletedDespiteFailure);
                    }
                    else
                    {
                        message.LastError = "listed in batchItemFailures";
                        _simulation.Metrics.Add(Simulator.Metrics.Retries);
                    }
                }
            }
            else
            {
                var error = outcome.Succeeded ? "malformed partial batch response" : outcome.Error;
                foreach (var message in batch)
                {
                    message.LastError = error;
                }

                _simulation.Metrics.Add(Simulator.Metrics.Retries, batch.Count(_queue.Contains));
            }

            PollSoon();
        });
    }

    /// <summary>A response naming messages that are not in the batch fails the whole batch.</summary>
    private bool IsWellFormed(object? response, List<SqsQueue.QueuedMessage> batch)
        => response is not BatchResponse partial
           || !Config.ReportBatchItemFailures
           || partial.BatchItemFailures.All(id => batch.Any(m => m.Id == id));
}

public sealed partial class Simulation
{
    /// <summary>Adds an SQS queue.</summary>
    public SqsQueue AddQueue(string name, QueueConfig? config = null)
    {
        config ??= new QueueConfig();
        config.Validate();
        return new SqsQueue(this, name, config);
    }

    /// <summary>Connects a queue to a function through an SQS event source mapping.</summary>
    public SqsEventSourceMapping MapSqs(SqsQueue queue, LambdaFunction function, SqsMappingConfig? config = null)
    {
        config ??= new SqsMappingConfig();
        config.Validate(queue.Config);
        if (queue.Mapping is not null)
        {
            throw new InvalidOperationException($"Queue {queue.Name} is already mapped.");
        }

        var mapping = new SqsEventSourceMapping(this, queue, function, config);
        queue.Mapping = mapping;
        return mapping;
    }
}
