using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Simulator;

/// <summary>Settings of a whole simulation: the seed, account limits and what is kept in memory.</summary>
public sealed record SimulationOptions
{
    /// <summary>Seeds every random choice (duplicates, the handlers' <see cref="ExecutionContext.Random"/>): the same seed and inputs give the same run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Regional account concurrency limit, shared by every function: default 1,000.</summary>
    public int AccountConcurrencyLimit { get; init; } = 1000;

    /// <summary>Concurrency that always stays unreserved: at least 100.</summary>
    public int UnreservedMinimum { get; init; } = 100;

    /// <summary>Each function can add up to this many environments per <see cref="ScalingWindow"/> (AWS, 2023: 1,000 per 10 s).</summary>
    public int ScalingRate { get; init; } = 1000;

    /// <summary>The window of <see cref="ScalingRate"/>: 10 s.</summary>
    public TimeSpan ScalingWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit on a cold start's init phase for on-demand environments: 10 s.</summary>
    public TimeSpan InitLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keep every trace line in memory (the hash is always kept). Off for long runs.</summary>
    public bool KeepTrace { get; init; }

    /// <summary>
    /// Keep every <see cref="InvocationRecord"/> in <see cref="Simulation.Invocations"/> and every <see cref="FailureRecord"/> in
    /// <see cref="Simulation.Failures"/>. Off by default, so memory stays flat however many invocations complete;
    /// <see cref="Simulation.InvocationCompleted"/> and <see cref="Simulation.FailureRecorded"/> are raised either way.
    /// </summary>
    public bool KeepRecords { get; init; }
}

/// <summary>How one invocation ended.</summary>
public enum InvocationStatus
{
    /// <summary>The handler returned.</summary>
    Success,

    /// <summary>The handler threw, or the init phase failed.</summary>
    Error,

    /// <summary>The handler ran past the function's timeout and was stopped.</summary>
    Timeout,

    /// <summary>No concurrency was available: refused with TooManyRequestsException, nothing ran.</summary>
    Throttled,
}

/// <summary>How one invocation ended, as its caller or event source sees it.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Response">What the handler returned (null on error or timeout).</param>
/// <param name="Error">The error, or null.</param>
/// <param name="Latency">Init (on a cold start) plus the handler's duration.</param>
/// <param name="ColdStart">Whether the invocation started a new environment.</param>
public sealed record InvocationOutcome(InvocationStatus Status, object? Response, string? Error, TimeSpan Latency, bool ColdStart)
{
    /// <summary>Whether <see cref="Status"/> is <see cref="InvocationStatus.Success"/>.</summary>
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

    /// <summary>The result, once the simulation has run past the request; null before.</summary>
    public InvocationOutcome? Outcome { get; internal set; }

    /// <summary>The request arrives.</summary>
    void IScheduled.Run()
    {
        _token = _simulation.Metrics.Accept();
        _simulation.Execute(_function, _input, _function.SyncSource, eventId: null, attempt: 1, this);
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
    private readonly List<InvocationRecord>? _invocations;
    private readonly List<FailureRecord>? _failures;
    private int _nextEnvironmentId;
    private long _nextRequestNumber;
    private int _unreservedBusy;
    private int _reservedTotal;
    private int _busy;

    /// <summary>Creates an empty simulation at virtual time zero.</summary>
    public Simulation(SimulationOptions? options = null)
    {
        Options = options ?? new SimulationOptions();
        _random = new Random(Options.Seed);
        Metrics = new Metrics(Options.KeepTrace);
        if (Options.KeepRecords)
        {
            _invocations = new List<InvocationRecord>();
            _failures = new List<FailureRecord>();
        }

        SyncSource = new EventSource(InvocationSource.Sync, null, Metrics);
        AsyncSource = new EventSource(InvocationSource.Async, null, Metrics);
    }

    /// <summary>Raised when an attempt ends (or is throttled), with its record; raised whether or not records are kept.</summary>
    public event EventHandler<InvocationRecord>? InvocationCompleted;

    /// <summary>Raised when an event, message or batch is given up, with its record; raised whether or not records are kept.</summary>
    public event EventHandler<FailureRecord>? FailureRecorded;

    /// <summary>The options the simulation was created with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The virtual clock. Schedule your own traffic on it (<see cref="Scheduler.At(TimeSpan, Action)"/>).</summary>
    public Scheduler Clock { get; } = new();

    /// <summary>The current virtual time.</summary>
    public TimeSpan Now => Clock.Now;

    /// <summary>Counters, outcomes, latencies, and the per-function and per-source breakdowns.</summary>
    public Metrics Metrics { get; }

    /// <summary>Every attempt so far, in the order they ended; empty unless <see cref="SimulationOptions.KeepRecords"/> is set.</summary>
    public IReadOnlyList<InvocationRecord> Invocations => (IReadOnlyList<InvocationRecord>?)_invocations ?? Array.Empty<InvocationRecord>();

    /// <summary>Every failure record so far, lost events included, in time order; empty unless <see cref="SimulationOptions.KeepRecords"/> is set.</summary>
    public IReadOnlyList<FailureRecord> Failures => (IReadOnlyList<FailureRecord>?)_failures ?? Array.Empty<FailureRecord>();

    /// <summary>
    /// The context of the code running now: an <see cref="InitContext"/> during an init phase, an <see cref="InvocationContext"/>
    /// while a handler runs, null between them. Fakes of AWS clients use it to spend virtual time or count calls
    /// (<c>simulation.Current?.Spend(TimeSpan.FromMilliseconds(20))</c>) without being handed the context.
    /// </summary>
    public ExecutionContext? Current { get; private set; }

    /// <summary>The functions added so far.</summary>
    public IReadOnlyList<LambdaFunction> Functions => _functions;

    /// <summary>Adds a function. Provisioned environments are initialised at once, before any traffic.</summary>
    /// <param name="name">The function's name (records and metrics use it).</param>
    /// <param name="handler">The handler: takes the event (an <see cref="SqsBatch"/>, a <see cref="StreamBatch"/>, or what you invoke it with) and the context.</param>
    /// <param name="config">Timeout, concurrency, async settings; Lambda's defaults when null.</param>
    /// <param name="init">What runs once per environment, at its cold start (static initialisers, the handler's constructor).</param>
    public LambdaFunction AddFunction(string name, LambdaHandler handler, FunctionConfig? config = null, InitHandler? init = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(handler);
        config ??= new FunctionConfig();
        config.Validate();
        var reservedElsewhere = _functions.Sum(f => f.Config.ReservedConcurrency ?? 0);
        if (config.ReservedConcurrency is { } reserved && reservedElsewhere + reserved > Options.AccountConcurrencyLimit - Options.UnreservedMinimum)
        {
            throw new InvalidOperationException($"Reserving {reserved} would leave less than {Options.UnreservedMinimum} unreserved concurrency.");
        }

        var function = new LambdaFunction(name, config, handler, init, Metrics.Function(name), SyncSource, AsyncSource);
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is earlier than <see cref="Now"/>.</exception>
    public SyncInvocation Invoke(LambdaFunction function, object? input, TimeSpan at)
    {
        var invocation = new SyncInvocation(this, function, input);
        Clock.At(at, invocation);
        return invocation;
    }

    /// <summary>Runs the simulation until nothing is left to do, or until <paramref name="until"/>.</summary>
    public void Run(TimeSpan? until = null) => Clock.Run(until ?? TimeSpan.MaxValue);

    internal Random Random => _random;

    internal EventSource SyncSource { get; }

    internal EventSource AsyncSource { get; }

    /// <summary>Whether anyone looks at invocation records; building them is skipped otherwise.</summary>
    private bool Recording => _invocations is not null || InvocationCompleted is not null;

    internal long NextRequestNumber() => ++_nextRequestNumber;

    internal void Trace(string line) => Metrics.TraceLine(Now, line);

    /// <summary>Records a given-up event: in the simulation's list (when kept) and to the listeners.</summary>
    internal void RecordFailure(FailureRecord failure)
    {
        _failures?.Add(failure);
        FailureRecorded?.Invoke(this, failure);
    }

    /// <summary>
    /// Runs one invocation: takes a warm environment or starts a new one (cold start), runs the handler,
    /// holds the environment busy for the invocation's duration, then calls <paramref name="done"/>.
    /// A throttle answers at once, without running anything.
    /// </summary>
    internal void Execute(LambdaFunction function, object? input, EventSource source, string? eventId, int attempt, Action<InvocationOutcome> done, bool duplicate = false)
        => Execute(function, input, source, eventId, attempt, new CallbackAction(done), duplicate);

    internal void Execute(LambdaFunction function, object? input, EventSource source, string? eventId, int attempt, IInvocationCallback done, bool duplicate = false)
    {
        var requestNumber = NextRequestNumber();
        var environment = Acquire(function);
        if (environment is null)
        {
            Metrics.Add(Metrics.Throttles);
            function.Counters.Throttles++;
            source.Counters.Throttles++;
            Metrics.TraceEvent(Now, TraceKind.Throttle, requestNumber);
            var throttled = new InvocationOutcome(InvocationStatus.Throttled, null, "TooManyRequestsException", TimeSpan.Zero, ColdStart: false);
            if (Recording)
            {
                Record(new InvocationRecord(function.Name, source.Kind, source.Name, InvocationContext.FormatRequestId(requestNumber), eventId, IdsOf(input), attempt, null, false, Now, Now, TimeSpan.Zero, InvocationStatus.Throttled, throttled.Error, duplicate));
            }

            done.Completed(throttled);
            return;
        }

        Metrics.Add(Metrics.Invocations);
        function.Counters.Invocations++;
        source.Counters.Invocations++;
        if (duplicate)
        {
            function.Counters.Duplicates++;
            source.Counters.Duplicates++;
        }

        var coldStart = !environment.IsInitialized;
        var initDuration = TimeSpan.Zero;
        string? initError = null;
        if (coldStart)
        {
            Metrics.Add(Metrics.ColdStarts);
            function.Counters.ColdStarts++;
            source.Counters.ColdStarts++;
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
        environment.Running = new RunningInvocation(source, eventId, input, requestNumber, attempt, Now, initDuration, duplicate);
        Clock.After(outcome.Latency, environment);
    }

    /// <summary>The invocation an environment was running has used its time: free the environment, record, tell the source.</summary>
    internal void Complete(ExecutionEnvironment environment)
    {
        var (outcome, done, discard) = environment.Pending;
        var running = environment.Running;
        environment.Pending = default;
        environment.Running = default;
        Release(environment, discard);
        Metrics.RecordLatency(outcome!.Latency);
        var function = environment.Function;
        var source = running.Source!;
        function.Counters.TotalDuration += outcome.Latency;
        function.Counters.TotalInitDuration += running.InitDuration;
        source.Counters.TotalDuration += outcome.Latency;
        source.Counters.TotalInitDuration += running.InitDuration;
        switch (outcome.Status)
        {
            case InvocationStatus.Success:
                function.Counters.Succeeded++;
                source.Counters.Succeeded++;
                break;
            case InvocationStatus.Error:
                Metrics.Add(Metrics.Errors);
                function.Counters.Errors++;
                source.Counters.Errors++;
                break;
            case InvocationStatus.Timeout:
                Metrics.Add(Metrics.Errors);
                Metrics.Add(Metrics.Timeouts);
                function.Counters.Errors++;
                function.Counters.Timeouts++;
                source.Counters.Errors++;
                source.Counters.Timeouts++;
                break;
        }

        if (Recording)
        {
            Record(new InvocationRecord(
                function.Name, source.Kind, source.Name, InvocationContext.FormatRequestId(running.RequestNumber), running.EventId, IdsOf(running.Input), running.Attempt,
                environment.Id, outcome.ColdStart, running.Start, Now, running.InitDuration, outcome.Status, outcome.Error, running.Duplicate));
        }

        done!.Completed(outcome);
    }

    private void Record(InvocationRecord record)
    {
        _invocations?.Add(record);
        InvocationCompleted?.Invoke(this, record);
    }

    private static IReadOnlyList<string> IdsOf(object? input) => input switch
    {
        SqsBatch batch => batch.Records.Select(m => m.MessageId).ToArray(),
        StreamBatch batch => batch.Records.Select(r => r.SequenceNumber).ToArray(),
        _ => Array.Empty<string>(),
    };

    private InvocationOutcome RunHandler(LambdaFunction function, ExecutionEnvironment environment, object? input, long requestNumber, int attempt, bool coldStart, TimeSpan initDuration)
    {
        var context = new InvocationContext(environment, Metrics, _random, Now + initDuration, requestNumber, function.Config.Timeout, coldStart, attempt);
        object? response = null;
        string? error = null;
        try
        {
            Current = context;
            response = function.Handler(input, context);
        }
        catch (Exception exception)
        {
            error = exception.GetType().Name + ": " + exception.Message;
        }
        finally
        {
            Current = null;
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
        var context = new InitContext(environment, Metrics, _random, Now + function.Config.RuntimeInitDuration);
        string? error = null;
        try
        {
            Current = context;
            function.Init?.Invoke(context);
        }
        catch (Exception exception)
        {
            error = "Init error: " + exception.GetType().Name + ": " + exception.Message;
        }
        finally
        {
            Current = null;
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
