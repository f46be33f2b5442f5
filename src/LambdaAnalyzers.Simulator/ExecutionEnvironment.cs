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

    public int Id { get; }

    public LambdaFunction Function { get; }

    public bool IsProvisioned { get; }

    /// <summary>What survives between invocations in this environment: the model of static fields and the handler instance.</summary>
    public Dictionary<string, object?> State { get; } = new();

    public int Invocations { get; internal set; }

    internal bool IsInitialized { get; set; }

    internal bool IsBusy { get; set; }

    internal bool IsReclaimed { get; set; }

    internal TimeSpan IdleSince { get; set; }

    /// <summary>The invocation running now: how it ends, who to tell, and whether the environment is discarded after it.</summary>
    internal (InvocationOutcome? Outcome, IInvocationCallback? Done, bool Discard) Pending { get; set; }

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
