using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>One execution environment: created on a cold start (or ahead of time for provisioned concurrency), serving one invocation at a time, kept warm while reused.</summary>
public sealed class ExecutionEnvironment
{
    internal ExecutionEnvironment(int id, LambdaFunction function, bool provisioned)
    {
        Id = id;
        Function = function;
        IsProvisioned = provisioned;
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

    internal long IdleGeneration { get; set; }

    internal List<BackgroundWork> FrozenWork { get; } = new();
}
