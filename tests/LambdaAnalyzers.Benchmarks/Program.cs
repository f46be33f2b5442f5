using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Running;
using LambdaAnalyzers.Benchmarks;
using Microsoft.CodeAnalysis;

// dotnet run -c Release --project tests/LambdaAnalyzers.Benchmarks -- build [500 2000 4000] [--real owner/name:path/to.csproj | --real none] [--mirror DIR] [--rounds 7] [--warmup 3] [--ours LambdaAnalyzers.dll]... [--peer none]
// dotnet run -c Release --project tests/LambdaAnalyzers.Benchmarks -- keystroke [200 1000] [--edits 40] [--ours LambdaAnalyzers.dll]...
// dotnet run -c Release --project tests/LambdaAnalyzers.Benchmarks -- simulator [BenchmarkDotNet options]
// See docs/performance.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var command = args.FirstOrDefault();
if (command == "simulator")
{
    BenchmarkRunner.Run<SimulatorBenchmarks>(args: args[1..]);
    return 0;
}

if (command is not ("build" or "keystroke"))
{
    Console.Error.WriteLine("usage: build [sizes] [--real owner/name:path | none] [--mirror DIR] [--rounds N] [--warmup N] [--ours DLL]... [--peer none] | keystroke [sizes] [--edits N] [--ours DLL]... | simulator [BenchmarkDotNet options]");
    return 2;
}

var options = new Dictionary<string, List<string>>();
var sizes = new List<int>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        (options.TryGetValue(args[i], out var values) ? values : options[args[i]] = []).Add(args[++i]);
    }
    else
    {
        sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
    }
}

string? Option(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;
int Number(string name, int otherwise) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : otherwise;

var sdk = SdkDefaults.Probe();
Console.WriteLine("SDK defaults (what csc gets for a default net8.0 class library):");
sdk.AnalyzerPaths.Concat(sdk.ConfigPaths).ToList().ForEach(path => Console.WriteLine("  " + path));
Console.WriteLine($"  {sdk.Analyzers.Length} analyzers, {sdk.Generators.Length} source generators; .NET {Environment.Version}, Roslyn {typeof(Compilation).Assembly.GetName().Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores");
var ours = Arm.Ours(options.GetValueOrDefault("--ours") ?? []);

if (command == "keystroke")
{
    KeystrokeCost.Run(sdk, sizes.Count > 0 ? sizes.ToArray() : [200, 1000], ours, Number("--edits", 40), warmUp: 20);
    return 0;
}

var workloads = (sizes.Count > 0 ? sizes : [500, 2000, 4000])
    .Select(handlers => new Workload($"synthetic {handlers:N0}", handlers, SyntheticProject.Create(handlers).SyntaxTrees.Sum(t => t.GetText().Lines.Count),
        () => sdk.Configure(SyntheticProject.Create(handlers), [], new Dictionary<string, string>(), ImmutableArray<AdditionalText>.Empty)))
    .ToList();
if (Option("--real") != "none")
{
    workloads.Add(RealProject.Load(sdk, Option("--mirror") ?? "/work/.mirror", Option("--real")));
}

BuildCost.Run(sdk, workloads, Option("--peer") == "none" ? ours : [.. ours, Arm.Peer()], Number("--rounds", 7), Number("--warmup", 3));
return 0;
