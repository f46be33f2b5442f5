using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Simulator;

/// <summary>A function in the simulation: its handler, init code, configuration and environments.</summary>
public sealed class LambdaFunction
{
    internal LambdaFunction(string name, FunctionConfig config, LambdaHandler handler, InitHandler? init, InvocationMetrics counters, EventSource syncSource, EventSource asyncSource)
    {
        Name = name;
        Config = config;
        Handler = handler;
        Init = init;
        Counters = counters;
        SyncSource = syncSource;
        AsyncSource = asyncSource;
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>Its configuration.</summary>
    public FunctionConfig Config { get; }

    /// <summary>This function's invocations, cold starts, errors and throttles, whatever invoked it.</summary>
    public InvocationMetrics Metrics => Counters;

    internal InvocationMetrics Counters { get; }

    internal EventSource SyncSource { get; }

    internal EventSource AsyncSource { get; }

    internal LambdaHandler Handler { get; }

    internal InitHandler? Init { get; }

    /// <summary>Warm environments waiting for work, the most recently used on top.</summary>
    internal Stack<ExecutionEnvironment> IdleOnDemand { get; } = new();

    internal Stack<ExecutionEnvironment> IdleProvisioned { get; } = new();

    /// <summary>Environments busy right now: the function's concurrency.</summary>
    public int Concurrency { get; internal set; }

    /// <summary>Creation times of recent on-demand environments, for the scaling-rate limit.</summary>
    internal Queue<TimeSpan> RecentCreations { get; } = new();
}
