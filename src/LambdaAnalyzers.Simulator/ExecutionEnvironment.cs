using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>One execution environment: created on a cold start (or ahead of time for provisioned concurrency), serving one invocation at a time, kept warm while reused.</summary>
public sealed class ExecutionEnvironment : IScheduled
{
    private readonly Simulation _simulation;
    private IdleCheck? _reclaimCheck;

    internal ExecutionEnvironment(int id, LambdaFunction function, bool provisioned, Simulation simulation)
    {
        Id = id;
        Function = function;
        IsProvisioned = provisioned;
        _simulation = simulation;
    }

    /// <summary>The environment's number, unique in the simulation; <see cref="InvocationRecord.EnvironmentId"/> names it.</summary>
    public int Id { get; }

    /// <summary>The function whose code the environment runs.</summary>
    public LambdaFunction Function { get; }

    /// <summary>Whether it was created ahead of traffic for provisioned concurrency.</summary>
    public bool IsProvisioned { get; }

    /// <summary>What survives between invocations in this environment: the model of static fields and the handler instance.</summary>
    public Dictionary<string, object?> State { get; } = new();

    /// <summary>Invocations the environment has served.</summary>
    public int Invocations { get; internal set; }

    internal bool IsInitialized { get; set; }

    /// <summary>A hosted handler's instance, created at the environment's init (<see cref="Simulation.AddFunction{THandler}"/>).</summary>
    internal object? HandlerInstance { get; set; }

    internal bool IsBusy { get; set; }

    internal bool IsReclaimed { get; set; }

    internal TimeSpan IdleSince { get; set; }

    /// <summary>The invocation running now: how it ends, who to tell, and whether the environment is discarded after it.</summary>
    internal (InvocationOutcome? Outcome, IInvocationCallback? Done, bool Discard) Pending { get; set; }

    /// <summary>Who asked for the running invocation and when it started: what its record needs at the end.</summary>
    internal RunningInvocation Running { get; set; }

    internal bool ReclaimCheckPending { get; set; }

    internal IScheduled ReclaimCheck => _reclaimCheck ??= new IdleCheck(this);

    /// <summary>The running invocation's time is up.</summary>
    void IScheduled.Run() => _simulation.Complete(this);

    private sealed class IdleCheck : IScheduled
    {
        private readonly ExecutionEnvironment _environment;

        public IdleCheck(ExecutionEnvironment environment) => _environment = environment;

        public void Run() => _environment._simulation.CheckIdle(_environment);
    }

    internal List<BackgroundWork> FrozenWork { get; } = new();
}

internal readonly record struct RunningInvocation(EventSource? Source, string? EventId, object? Input, long RequestNumber, int Attempt, TimeSpan Start, TimeSpan InitDuration, bool Duplicate);
