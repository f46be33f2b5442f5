using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// What every `dotnet build` already runs, the floor our cost is added to: the analyzer assemblies (with their
/// source generators) and analyzer config files that the installed SDK hands csc for a default class library.
/// They are read from the SDK itself, not written down: a throwaway project is built and its Analyzer and
/// EditorConfigFiles items (csc's /analyzer: and /analyzerconfig:) are listed.
/// </summary>
internal sealed class SdkDefaults
{
    /// <summary>AWS Lambda's managed .NET runtime is .NET 8: a handler project targets net8.0.</summary>
    private const string TargetFramework = "net8.0";

    private readonly ImmutableArray<AnalyzerConfig> _configs;

    private SdkDefaults(ImmutableArray<string> analyzerPaths, ImmutableArray<string> configPaths)
    {
        AnalyzerPaths = analyzerPaths;
        ConfigPaths = configPaths;
        var references = analyzerPaths.Select(AnalyzerLoader.Reference).ToList();
        Analyzers = references.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        Generators = references.SelectMany(r => r.GetGenerators(LanguageNames.CSharp)).ToImmutableArray();
        _configs = configPaths.Select(path => AnalyzerConfig.Parse(File.ReadAllText(path), path)).ToImmutableArray();
    }

    public ImmutableArray<string> AnalyzerPaths { get; }

    public ImmutableArray<string> ConfigPaths { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public ImmutableArray<ISourceGenerator> Generators { get; }

    /// <summary>Builds a default <see cref="TargetFramework"/> class library once (in the temp folder) and reads what csc got.</summary>
    public static SdkDefaults Probe()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lambda-analyzers-bench-sdk-probe");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{TargetFramework}</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["msbuild", "probe.csproj", "-restore", "-t:Build", "-p:Configuration=Release", "-nologo", "-getItem:Analyzer", "-getItem:EditorConfigFiles"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"building the SDK probe in {folder} failed: {output.Result}{error}");
        }

        var items = JsonDocument.Parse(output.Result).RootElement.GetProperty("Items");
        ImmutableArray<string> Paths(string item) => items.GetProperty(item).EnumerateArray().Select(i => i.GetProperty("FullPath").GetString()!).ToImmutableArray();
        return new SdkDefaults(Paths("Analyzer"), Paths("EditorConfigFiles"));
    }

    /// <summary>
    /// The compilation and analyzer options as csc builds them from these config files, the project's own
    /// <paramref name="editorConfigs"/> and <paramref name="buildProperties"/> (overriding the probe's): severities
    /// from the config files (rules set to none are not run) and the options analyzers and generators read.
    /// </summary>
    public (CSharpCompilation Compilation, AnalyzerOptions Options) Configure(
        CSharpCompilation compilation, IEnumerable<AnalyzerConfig> editorConfigs, IReadOnlyDictionary<string, string> buildProperties, ImmutableArray<AdditionalText> additionalFiles)
    {
        var set = AnalyzerConfigSet.Create(editorConfigs.Concat(_configs).ToList());
        var global = set.GlobalConfigOptions;
        var perTree = compilation.SyntaxTrees.ToDictionary(t => t, t => set.GetOptionsForSourcePath(t.FilePath));
        var severities = new ConfiguredSeverities(perTree.ToDictionary(p => p.Key, p => p.Value.TreeOptions), global.TreeOptions);
        var globalOptions = global.AnalyzerOptions.SetItems(buildProperties);
        var options = new ConfiguredOptions(perTree.ToDictionary(p => p.Key, p => (AnalyzerConfigOptions)new Options(p.Value.AnalyzerOptions)), new Options(globalOptions));
        return (compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(severities)), new AnalyzerOptions(additionalFiles, options));
    }

    /// <summary>The source generators' run, as csc runs them before the analyzers see the compilation.</summary>
    public Compilation RunGenerators(Compilation compilation, AnalyzerOptions options)
    {
        CSharpGeneratorDriver.Create(Generators, options.AdditionalFiles, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, options.AnalyzerConfigOptionsProvider)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        return withGenerated;
    }

    /// <summary>Per tree: the severities its config sections set; then those of the global configs.</summary>
    private sealed class ConfiguredSeverities(Dictionary<SyntaxTree, ImmutableDictionary<string, ReportDiagnostic>> perTree, ImmutableDictionary<string, ReportDiagnostic> global) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return perTree.TryGetValue(tree, out var options) && options.TryGetValue(diagnosticId, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => global.TryGetValue(diagnosticId, out severity);
    }

    private sealed class ConfiguredOptions(Dictionary<SyntaxTree, AnalyzerConfigOptions> perTree, AnalyzerConfigOptions global) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new Options(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => perTree.TryGetValue(tree, out var options) ? options : Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
