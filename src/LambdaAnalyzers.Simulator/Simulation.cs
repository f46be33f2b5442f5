using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Simulator;

public sealed record SimulationOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Regional account concurrency limit, shared by every function: default 1,000.</summary>
    public int AccountConcurrencyLimit { get; init; } = 1000;

    /// <summary>Concurrency that always stays unreserved: at least 100.</summary>
    public int UnreservedMinimum { get; init; } = 100;

    /// <summary>Each function can add up to this many environments per <see cref="ScalingWindow"/> (AWS, 2023: 1,000 per 10 s).</summary>
    public int ScalingRate { get; init; } = 1000;

    public TimeSpan ScalingWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit on a cold start's init phase for on-demand environments: 10 s.</summary>
    public TimeSpan InitLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keep every trace line in memory (the hash is always kept). Off for long runs.</summary>
    public bool KeepTrace { get; init; }
}

/// <summary>How one invocation ended.</summary>
public enum InvocationStatus
{
    Success,
    Error,
    Timeout,
    Throttled,
}

public sealed record InvocationOutcome(InvocationStatus Status, object? Response, string? Error, TimeSpan Latency, bool ColdStart)
{
    public bool Succeeded => Status == InvocationStatus.Success;
}

/// <summary>Who hears how an invocation ended.</summary>
internal interface IInvocationCallback
{
    void Completed(InvocationOutcome outcome);
}

/// <summary>A callback from a delegate, for the sources whose follow-up is easiest to say as a lambda.</summary>
internal sealed class CallbackAction : IInvocationCallback
{
    private readonly Action<InvocationOutcome> _action;

    public CallbackAction(Action<InvocationOutcome> action) => _action = action;

    public void Completed(InvocationOutcome outcome) => _action(outcome);
}

/// <summary>A synchronous invocation's result, filled when the simulation reaches it.</summary>
public sealed class SyncInvocation : IScheduled, IInvocationCallback
{
    private readonly Simulation _simulation;
    private readonly LambdaFunction _function;
    private readonly object? _input;
    private long _token;

    internal SyncInvocation(Simulation simulation, LambdaFunction function, object? input)
    {
        _simulation = simulation;
        _function = function;
        _input = input;
    }

    public InvocationOutcome? Outcome { get; internal set; }

    /// <summary>The request arrives.</summary>
    void IScheduled.Run()
    {
        _token = _simulation.Metrics.Accept();
        _simulation.Execute(_function, _input, _simulation.NextRequestNumber(), attempt: 1, this);
    }

    void IInvocationCallback.Completed(InvocationOutcome outcome)
    {
        Outcome = outcome;
        _simulation.Metrics.Finish(_token, outcome.Status switch
        {
            InvocationStatus.Success => EventOutcome.Succeeded,
            InvocationStatus.Throttled => EventOutcome.Throttled,
            _ => EventOutcome.FailedToCaller,
        });
    }
}

/// <summary>
/// The simulation: functions, event sources and a virtual clock. Everything is deterministic for a seed:
/// the same inputs give the same trace, event for event.
/// </summary>
public sealed partial class Simulation
{
    private readonly List<LambdaFunction> _functions = new();
    private readonly Random _random;
    private int _nextEnvironmentId;
    private long _nextRequestNumber;
    private int _unreservedBusy;
    private int _reservedTotal;
    private int _busy;

    public Simulation(SimulationOptions? options = null)
    {
        Options = options ?? new SimulationOptions();
        _random = new Random(Options.Seed);
        Metrics = new Metrics(Options.KeepTrace);
    }

    public SimulationOptions Options { get; }

    public Scheduler Clock { get; } = new();

    public TimeSpan Now => Clock.Now;

    public Metrics Metrics { get; }

    /// <summary>Adds a function. Provisioned environments are initialised at once, before any traffic.</summary>
    public LambdaFunction AddFunction(string name, LambdaHandler handler, FunctionConfig? config = null, InitHandler? init = null)
    {
        config ??= new FunctionConfig();
        config.Validate();
        var reservedElsewhere = _functions.Sum(f => f.Config.ReservedConcurrency ?? 0);
        if (config.ReservedConcurrency is { } reserved && reservedElsewhere + reserved > Options.AccountConcurrencyLimit - Options.UnreservedMinimum)
        {
            throw new InvalidOperationException($"Reserving {reserved} would leave less than {Options.UnreservedMinimum} unreserved concurrency.");
        }

        var function = new LambdaFunction(name, config, handler, init);
        _functions.Add(function);
        _reservedTotal += config.ReservedConcurrency ?? 0;
        for (var i = 0; i < config.ProvisionedConcurrency; i++)
        {
            var environment = NewEnvironment(function, provisioned: true);
            Initialize(environment, out _);
            MarkIdle(environment);
        }

        return function;
    }

    /// <summary>Invokes synchronously (RequestResponse) at <paramref name="at"/>: no retries; a throttle is a 429 to the caller.</summary>
    public SyncInvocation Invoke(LambdaFunction function, object? input, TimeSpan at)
    {
        var invocation = new SyncInvocation(this, function, input);
        Clock.At(at, invocation);
        return invocation;
    }

    /// <summary>Runs the simulation until nothing is left to do, or until <paramref name="until"/>.</summary>
    public void Run(TimeSpan? until = null) => Clock.Run(until ?? TimeSpan.MaxValue);

    internal Random Random => _random;

    internal long NextRequestNumber() => ++_nextRequestNumber;

    internal void Trace(string line) => Metrics.TraceLine(Now, line);

    /// <summary>
    /// Runs one invocation: takes a warm environment or starts a new one (cold start), runs the handler,
    /// holds the environment busy for the invocation's duration, then calls <paramref name="done"/>.
    /// A throttle answers at once, without running anything.
    /// </summary>
    internal void Execute(LambdaFunction function, object? input, long requestNumber, int attempt, Action<InvocationOutcome> done)
        => Execute(function, input, requestNumber, attempt, new CallbackAction(done));

    internal void Execute(LambdaFunction function, object? input, long requestNumber, int attempt, IInvocationCallback done)
    {
        var environment = Acquire(function);
        if (environment is null)
        {
            Metrics.Add(Metrics.Throttles);
            Metrics.TraceEvent(Now, TraceKind.Throttle, requestNumber);
            done.Completed(new InvocationOutcome(InvocationStatus.Throttled, null, "TooManyRequestsException", TimeSpan.Zero, ColdStart: false));
            return;
        }

        Metrics.Add(Metrics.Invocations);
        var coldStart = !environment.IsInitialized;
        var initDuration = TimeSpan.Zero;
        string? initError = null;
        if (coldStart)
        {
            Metrics.Add(Metrics.ColdStarts);
            initError = Initialize(environment, out initDuration);
        }

        InvocationOutcome outcome;
        if (initError is not null)
        {
            outcome = new InvocationOutcome(InvocationStatus.Error, null, initError, initDuration, coldStart);
            environment.IsInitialized = false; // Lambda discards an environment whose init failed.
        }
        else
        {
            outcome = RunHandler(function, environment, input, requestNumber, attempt, coldStart, initDuration);
        }

        environment.Invocations++;
        Metrics.TraceEvent(Now, TraceKind.Invoke, requestNumber, environment.Id, (coldStart ? 16 : 0) + (int)outcome.Status, outcome.Latency.Ticks);

        // The environment serves one invocation at a time, so it carries its own completion: no closure per invocation.
        environment.Pending = (outcome, done, initError is not null);
        Clock.After(outcome.Latency, environment);
    }

    /// <summary>The invocation an environment was running has used its time: free the environment, record, tell the source.</summary>
    internal void Complete(ExecutionEnvironment environment)
    {
        var (outcome, done, discard) = environment.Pending;
        environment.Pending = default;
        Release(environment, discard);
        Metrics.RecordLatency(outcome!.Latency);
        if (outcome.Status == InvocationStatus.Error)
        {
            Metrics.Add(Metrics.Errors);
        }
        else if (outcome.Status == InvocationStatus.Timeout)
        {
            Metrics.Add(Metrics.Errors);
            Metrics.Add(Metrics.Timeouts);
        }

        done!.Completed(outcome);
    }

    private InvocationOutcome RunHandler(LambdaFunction function, ExecutionEnvironment environment, object? input, long requestNumber, int attempt, bool coldStart, TimeSpan initDuration)
    {
        var context = new InvocationContext(environment, Metrics, _random, requestNumber, function.Config.Timeout, coldStart, attempt);
        object? response = null;
        string? error = null;
        try
        {
            response = function.Handler(input, context);
        }
        catch (Exception exception)
        {
            error = exception.GetType().Name + ": " + exception.Message;
        }

        var timedOut = context.Spent > function.Config.Timeout;
        var duration = timedOut ? function.Config.Timeout : context.Spent;
        if (environment.FrozenWork.Count > 0)
        {
            ResumeFrozenWork(environment, duration, context);
        }

        if (context.Started is { } started)
        {
            environment.FrozenWork.AddRange(started);
        }

        var status = timedOut ? InvocationStatus.Timeout : error is null ? InvocationStatus.Success : InvocationStatus.Error;
        return new InvocationOutcome(status, timedOut ? null : response, timedOut ? "Task timed out" : error, initDuration + duration, coldStart);
    }

    /// <summary>Background work left by earlier invocations runs only while the environment runs this one.</summary>
    private void ResumeFrozenWork(ExecutionEnvironment environment, TimeSpan running, InvocationContext context)
    {
        foreach (var work in environment.FrozenWork.ToList())
        {
            work.Remaining -= running;
            if (work.Remaining <= TimeSpan.Zero)
            {
                environment.FrozenWork.Remove(work);
                Metrics.Add(Metrics.BackgroundCompletedLate);
                Trace($"background {work.Name} of {work.StartedBy} completed during {context.RequestId}");
                work.OnCompleted?.Invoke(context);
            }
        }
    }

    private string? Initialize(ExecutionEnvironment environment, out TimeSpan duration)
    {
        var function = environment.Function;
        var context = new InitContext(environment, Metrics, _random);
        string? error = null;
        try
        {
            function.Init?.Invoke(context);
        }
        catch (Exception exception)
        {
            error = "Init error: " + exception.GetType().Name + ": " + exception.Message;
        }

        duration = function.Config.RuntimeInitDuration + context.Spent;
        if (!environment.IsProvisioned && duration > Options.InitLimit)
        {
            duration = Options.InitLimit;
            error ??= "Init phase timed out";
        }

        Metrics.RecordInit(duration);
        environment.IsInitialized = error is null;
        return error;
    }

    private ExecutionEnvironment? Acquire(LambdaFunction function)
    {
        var reserved = function.Config.ReservedConcurrency;
        var hasCapacity = reserved is { } cap
            ? function.Concurrency < cap
            : _unreservedBusy < Options.AccountConcurrencyLimit - _reservedTotal;
        if (!hasCapacity)
        {
            return null;
        }

        // Provisioned environments first, then the most recently used warm one.
        var environment = PopIdle(function.IdleProvisioned) ?? PopIdle(function.IdleOnDemand);
        if (environment is null)
        {
            while (function.RecentCreations.Count > 0 && function.RecentCreations.Peek() <= Now - Options.ScalingWindow)
            {
                function.RecentCreations.Dequeue();
            }

            if (function.RecentCreations.Count >= Options.ScalingRate)
            {
                return null;
            }

            function.RecentCreations.Enqueue(Now);
            environment = NewEnvironment(function, provisioned: false);
        }

        environment.IsBusy = true;
        function.Concurrency++;
        _busy++;
        if (reserved is null)
        {
            _unreservedBusy++;
        }

        Metrics.RecordConcurrency(Now, _busy);
        return environment;
    }

    private static ExecutionEnvironment? PopIdle(Stack<ExecutionEnvironment> idle)
    {
        while (idle.TryPop(out var environment))
        {
            if (!environment.IsReclaimed)
            {
                return environment;
            }
        }

        return null;
    }

    private ExecutionEnvironment NewEnvironment(LambdaFunction function, bool provisioned)
    {
        var environment = new ExecutionEnvironment(++_nextEnvironmentId, function, provisioned, this);
        Metrics.Add(Metrics.EnvironmentsCreated);
        return environment;
    }

    private void Release(ExecutionEnvironment environment, bool discard)
    {
        var function = environment.Function;
        environment.IsBusy = false;
        function.Concurrency--;
        _busy--;
        if (function.Config.ReservedConcurrency is null)
        {
            _unreservedBusy--;
        }

        if (discard)
        {
            Reclaim(environment);
            return;
        }

        MarkIdle(environment);
    }

    private void MarkIdle(ExecutionEnvironment environment)
    {
        environment.IdleSince = Now;
        if (environment.IsProvisioned)
        {
            environment.Function.IdleProvisioned.Push(environment);
            return;
        }

        environment.Function.IdleOnDemand.Push(environment);
        if (!environment.ReclaimCheckPending)
        {
            environment.ReclaimCheckPending = true;
            Clock.After(environment.Function.Config.IdleLifetime, environment.ReclaimCheck);
        }
    }

    /// <summary>
    /// One pending check per environment instead of one timer per invocation: when it fires, an environment idle
    /// for the whole lifetime is reclaimed, a busy one is left to re-arm at its next release, and one used in
    /// the meantime is checked again when its current idle period would end. Reclaim times stay exact.
    /// </summary>
    internal void CheckIdle(ExecutionEnvironment environment)
    {
        environment.ReclaimCheckPending = false;
        if (environment.IsBusy || environment.IsReclaimed)
        {
            return;
        }

        var reclaimAt = environment.IdleSince + environment.Function.Config.IdleLifetime;
        if (reclaimAt <= Now)
        {
            Reclaim(environment);
            return;
        }

        environment.ReclaimCheckPending = true;
        Clock.At(reclaimAt, environment.ReclaimCheck);
    }

    private void Reclaim(ExecutionEnvironment environment)
    {
        environment.IsReclaimed = true;
        Metrics.Add(Metrics.EnvironmentsReclaimed);
        if (environment.FrozenWork.Count > 0)
        {
            Metrics.Add(Metrics.BackgroundLost, environment.FrozenWork.Count);
            Trace($"env{environment.Id} reclaimed with {environment.FrozenWork.Count} background task(s) lost");
            environment.FrozenWork.Clear();
        }
    }
}
