using System;

namespace LambdaAnalyzers.Simulator;

/// <summary>A function's configuration, with Lambda's defaults and documented ranges.</summary>
public sealed record FunctionConfig
{
    /// <summary>1 s to 900 s; default 3 s. A longer invocation is stopped and counts as an error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>128 MB to 10,240 MB. Recorded for reports; CPU scaling is left to the cost model.</summary>
    public int MemoryMb { get; init; } = 128;

    /// <summary>Null: no reservation, the function shares the unreserved pool. 0: every invocation is throttled.</summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>Environments initialised before any traffic; they never cold-start. Counts against reserved concurrency.</summary>
    public int ProvisionedConcurrency { get; init; }

    /// <summary>
    /// What the runtime itself costs on a cold start before the function's own init code (the .NET managed
    /// runtime: typically hundreds of milliseconds). The init delegate's spent time comes on top.
    /// </summary>
    public TimeSpan RuntimeInitDuration { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an idle environment is kept before Lambda reclaims it. AWS does not publish a number
    /// (minutes to hours); this is the simulator's parameter, default 10 minutes.
    /// </summary>
    public TimeSpan IdleLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Asynchronous invocation settings (retries, event age, destinations).</summary>
    public AsyncInvokeConfig Async { get; init; } = new();

    internal void Validate()
    {
        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromSeconds(900))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Lambda function timeouts range from 1 to 900 seconds.");
        }

        if (MemoryMb is < 128 or > 10240)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryMb), MemoryMb, "Lambda memory ranges from 128 to 10,240 MB.");
        }

        if (ReservedConcurrency is < 0 || ProvisionedConcurrency < 0 || (ReservedConcurrency is { } reserved && ProvisionedConcurrency > reserved))
        {
            throw new ArgumentOutOfRangeException(nameof(ProvisionedConcurrency), "Provisioned concurrency cannot exceed reserved concurrency.");
        }

        Async.Validate();
    }
}

/// <summary>Asynchronous invocation: retries 0–2 (default 2), maximum event age 60 s–6 h (default 6 h), failure targets.</summary>
public sealed record AsyncInvokeConfig
{
    /// <summary>Retries after a failed attempt: 0 to 2, default 2 (three attempts in all).</summary>
    public int MaximumRetryAttempts { get; init; } = 2;

    /// <summary>How long an event may wait (for retries, or behind throttles) before it is given up: 60 s to 6 h, default 6 h.</summary>
    public TimeSpan MaximumEventAge { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Delay before the first and the second retry: about one and two minutes.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Delay before the second retry, counted from the end of the failed second attempt.</summary>
    public TimeSpan SecondRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Probability that an event is delivered a second time even though nothing failed.</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Receives a record of each event that succeeded.</summary>
    public Destination? OnSuccess { get; init; }

    /// <summary>Receives a record (condition, invoke count, payload, error) of each event given up.</summary>
    public Destination? OnFailure { get; init; }

    /// <summary>A dead-letter queue set on the function: it receives only failed asynchronous events, and only the payload.</summary>
    public Destination? DeadLetterQueue { get; init; }

    internal void Validate()
    {
        if (MaximumRetryAttempts is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRetryAttempts), MaximumRetryAttempts, "Asynchronous retry attempts range from 0 to 2.");
        }

        if (MaximumEventAge < TimeSpan.FromSeconds(60) || MaximumEventAge > TimeSpan.FromHours(6))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumEventAge), MaximumEventAge, "The maximum event age ranges from 60 seconds to 6 hours.");
        }
    }
}
