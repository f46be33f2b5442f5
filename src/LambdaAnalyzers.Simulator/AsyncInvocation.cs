using System;

namespace LambdaAnalyzers.Simulator;

/// <summary>
/// Asynchronous invocation (S3, SNS, EventBridge, schedules): the event waits in Lambda's internal queue,
/// failed attempts are retried (default twice, about 1 and 2 minutes apart), throttles are retried with
/// exponential backoff (1 s up to 5 min) without counting as attempts, and an event older than the maximum
/// event age is given up. A given-up event goes to the on-failure destination, else the dead-letter queue,
/// else it is lost.
/// </summary>
public sealed partial class Simulation
{
    private static readonly TimeSpan FirstThrottleBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxThrottleBackoff = TimeSpan.FromMinutes(5);
    private long _nextEventId;

    /// <summary>Queues an asynchronous (Event) invocation at <paramref name="at"/>; returns the event's ID.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is earlier than <see cref="Now"/>.</exception>
    public string InvokeAsync(LambdaFunction function, object? input, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(function);
        var eventId = "evt-" + (++_nextEventId).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Clock.At(at, () =>
        {
            var asyncEvent = new AsyncEvent(eventId, Metrics.Accept(), function, input, Now);
            Attempt(asyncEvent);
            if (function.Config.Async.DuplicateRate > 0 && _random.NextDouble() < function.Config.Async.DuplicateRate)
            {
                // At-least-once: the same event delivered again, with no failure involved.
                Clock.After(TimeSpan.FromSeconds(1), () =>
                {
                    Metrics.Add(Metrics.DuplicatesDelivered);
                    Trace($"duplicate {eventId}");
                    Execute(function, input, function.AsyncSource, eventId, attempt: 1, static _ => { }, duplicate: true);
                });
            }
        });
        return eventId;
    }

    private void Attempt(AsyncEvent asyncEvent)
    {
        var config = asyncEvent.Function.Config.Async;
        if (Now - asyncEvent.QueuedAt > config.MaximumEventAge)
        {
            GiveUp(asyncEvent, FailureCondition.EventAgeExceeded);
            return;
        }

        Execute(asyncEvent.Function, asyncEvent.Input, asyncEvent.Function.AsyncSource, asyncEvent.Id, asyncEvent.FailedAttempts + 1, outcome =>
        {
            switch (outcome.Status)
            {
                case InvocationStatus.Throttled:
                    asyncEvent.ThrottleBackoff = asyncEvent.ThrottleBackoff == TimeSpan.Zero
                        ? FirstThrottleBackoff
                        : TimeSpan.FromTicks(Math.Min(asyncEvent.ThrottleBackoff.Ticks * 2, MaxThrottleBackoff.Ticks));
                    Clock.After(asyncEvent.ThrottleBackoff, () => Attempt(asyncEvent));
                    break;
                case InvocationStatus.Success:
                    asyncEvent.InvokeCount++;
                    config.OnSuccess?.Deliver(new DestinationRecord(asyncEvent.Id, asyncEvent.Input, null, asyncEvent.InvokeCount, null));
                    Metrics.Finish(asyncEvent.Token, EventOutcome.Succeeded);
                    break;
                default:
                    asyncEvent.InvokeCount++;
                    asyncEvent.FailedAttempts++;
                    asyncEvent.LastError = outcome.Error;
                    if (asyncEvent.FailedAttempts <= config.MaximumRetryAttempts)
                    {
                        Metrics.Add(Metrics.Retries);
                        Clock.After(asyncEvent.FailedAttempts == 1 ? config.FirstRetryDelay : config.SecondRetryDelay, () => Attempt(asyncEvent));
                    }
                    else
                    {
                        GiveUp(asyncEvent, FailureCondition.RetriesExhausted);
                    }

                    break;
            }
        });
    }

    private void GiveUp(AsyncEvent asyncEvent, FailureCondition condition)
    {
        var config = asyncEvent.Function.Config.Async;
        Trace($"give-up {asyncEvent.Id} {condition}");
        var failure = new FailureRecord(Now, asyncEvent.Function.Name, InvocationSource.Async, condition, asyncEvent.InvokeCount, null, new[] { asyncEvent.Id }, asyncEvent.Input, asyncEvent.LastError);
        if (config.OnFailure is { } onFailure)
        {
            failure = failure with { Target = onFailure.Name };
            onFailure.Deliver(new DestinationRecord(asyncEvent.Id, asyncEvent.Input, condition, asyncEvent.InvokeCount, asyncEvent.LastError), failure);
            config.DeadLetterQueue?.Deliver(new DestinationRecord(asyncEvent.Id, asyncEvent.Input, null, asyncEvent.InvokeCount, null), failure with { Target = config.DeadLetterQueue.Name });
            Metrics.Finish(asyncEvent.Token, EventOutcome.SentToOnFailureDestination);
        }
        else if (config.DeadLetterQueue is { } deadLetterQueue)
        {
            failure = failure with { Target = deadLetterQueue.Name };
            deadLetterQueue.Deliver(new DestinationRecord(asyncEvent.Id, asyncEvent.Input, null, asyncEvent.InvokeCount, null), failure);
            Metrics.Finish(asyncEvent.Token, EventOutcome.DeadLettered);
        }
        else
        {
            Metrics.Finish(asyncEvent.Token, EventOutcome.Dropped);
        }

        RecordFailure(failure);
    }

    private sealed class AsyncEvent
    {
        public AsyncEvent(string id, long token, LambdaFunction function, object? input, TimeSpan queuedAt)
        {
            Id = id;
            Token = token;
            Function = function;
            Input = input;
            QueuedAt = queuedAt;
        }

        public string Id { get; }

        public long Token { get; }

        public LambdaFunction Function { get; }

        public object? Input { get; }

        public TimeSpan QueuedAt { get; }

        public int FailedAttempts { get; set; }

        public int InvokeCount { get; set; }

        public string? LastError { get; set; }

        public TimeSpan ThrottleBackoff { get; set; }
    }
}
