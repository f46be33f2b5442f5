using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>A function's handler: takes the event (or batch) and a context; returns the response, or throws.</summary>
public delegate object? LambdaHandler(object? input, InvocationContext context);

/// <summary>What runs once per execution environment (static initialisers, the handler class's constructor).</summary>
public delegate void InitHandler(InitContext context);

/// <summary>What code running inside an environment can do: spend virtual time, count costs, keep environment state.</summary>
public abstract class ExecutionContext
{
    private readonly Metrics _metrics;

    private readonly TimeSpan _startedAt;

    private protected ExecutionContext(ExecutionEnvironment environment, Metrics metrics, Random random, TimeSpan startedAt)
    {
        Environment = environment;
        _metrics = metrics;
        Random = random;
        _startedAt = startedAt;
    }

    /// <summary>The virtual clock as this code sees it: when it started plus the time it has <see cref="Spend">spent</see> so far.</summary>
    public TimeSpan Now => _startedAt + Spent;

    /// <summary>The environment: its <see cref="ExecutionEnvironment.State"/> is what static fields would hold.</summary>
    public ExecutionEnvironment Environment { get; }

    /// <summary>The simulation's seeded random source.</summary>
    public Random Random { get; }

    /// <summary>Virtual time this code has used so far.</summary>
    public TimeSpan Spent { get; private set; }

    /// <summary>Uses virtual time, as CPU work or an awaited call would.</summary>
    public void Spend(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration));
        }

        Spent += duration;
    }

    /// <summary>Counts a cost or an effect in the metrics ("constructed AmazonS3Client", "charged card").</summary>
    public void Count(string name, long amount = 1) => _metrics.Add(name, amount);
}

/// <summary>What init code (run once per environment, at its cold start) receives.</summary>
public sealed class InitContext : ExecutionContext
{
    internal InitContext(ExecutionEnvironment environment, Metrics metrics, Random random, TimeSpan startedAt)
        : base(environment, metrics, random, startedAt)
    {
    }
}

/// <summary>What a handler receives beside its event: the request, the time left, the virtual clock.</summary>
public sealed class InvocationContext : ExecutionContext
{
    private readonly long _requestNumber;
    private List<BackgroundWork>? _started;

    internal InvocationContext(ExecutionEnvironment environment, Metrics metrics, Random random, TimeSpan startedAt, long requestNumber, TimeSpan timeout, bool isColdStart, int attempt)
        : base(environment, metrics, random, startedAt)
    {
        _requestNumber = requestNumber;
        Timeout = timeout;
        IsColdStart = isColdStart;
        Attempt = attempt;
    }

    /// <summary>This attempt's request ID ("req-000042"); <see cref="InvocationRecord.RequestId"/> gives the same.</summary>
    public string RequestId => FormatRequestId(_requestNumber);

    /// <summary>The function's timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Time left before the timeout stops the handler, as <c>ILambdaContext.RemainingTime</c>.</summary>
    public TimeSpan RemainingTime => Timeout - Spent;

    /// <summary>Whether this invocation started its environment.</summary>
    public bool IsColdStart { get; }

    /// <summary>1 for the first delivery of an event, 2 and 3 for asynchronous retries.</summary>
    public int Attempt { get; }

    internal List<BackgroundWork>? Started => _started;

    internal static string FormatRequestId(long requestNumber) => "req-" + requestNumber.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts work that is not awaited (a fire-and-forget task). It needs <paramref name="work"/> of running
    /// time; when the handler returns the environment freezes, so whatever is left runs only while the
    /// environment serves later invocations, and is lost if the environment is reclaimed first.
    /// </summary>
    public void StartBackground(string name, TimeSpan work, Action<InvocationContext>? onCompleted = null)
        => (_started ??= new List<BackgroundWork>()).Add(new BackgroundWork(name, work, RequestId, onCompleted));
}

/// <summary>Work left running when a handler returned.</summary>
public sealed class BackgroundWork
{
    internal BackgroundWork(string name, TimeSpan remaining, string startedBy, Action<InvocationContext>? onCompleted)
    {
        Name = name;
        Remaining = remaining;
        StartedBy = startedBy;
        OnCompleted = onCompleted;
    }

    /// <summary>What the work is ("audit write").</summary>
    public string Name { get; }

    /// <summary>The request ID of the invocation that started it.</summary>
    public string StartedBy { get; }

    internal TimeSpan Remaining { get; set; }

    internal Action<InvocationContext>? OnCompleted { get; }
}
