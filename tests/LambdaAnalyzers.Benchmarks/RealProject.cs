using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using LambdaAnalyzers.RealWorld;
using RealWorldRunner = LambdaAnalyzers.RealWorld.Program;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// A project of the labelled real-world corpus, compiled by the real-world runner's <see cref="ProjectCompiler"/>
/// (its sources, implicit usings, project references, deployment files and build properties, against the
/// runner's references), with its .editorconfig files and the SDK defaults as csc would get them.
/// </summary>
internal static class RealProject
{
    private static readonly ImmutableArray<MetadataReference> References = RealWorldRunner.ReferenceSet(
        typeof(RealProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RealWorldRunnerFolder").Value!);

    /// <summary>
    /// The project named "owner/name:path/to.csproj", or else, of the labelled projects with handlers, the one with
    /// the most lines of code that nearly compiles: the closest the corpus has to a large Lambda project.
    /// </summary>
    public static Workload Load(SdkDefaults sdk, string mirror, string? choice)
    {
        var references = References;
        var checkouts = Path.Combine(Path.GetTempPath(), "lambda-realworld");
        var candidates = new List<(string Root, string Repo, ProjectLabels Project, int Lines)>();
        foreach (var file in Directory.EnumerateFiles(RealWorldRunner.FindLabels(), "*.json").Order(StringComparer.Ordinal))
        {
            var repo = RepositoryLabels.Read(file);
            foreach (var project in repo.Projects)
            {
                if (choice is null ? project.Handlers is not { Count: > 0 } : choice != $"{repo.Repo}:{project.Project}")
                {
                    continue;
                }

                string root;
                try
                {
                    root = RealWorldRunner.Checkout(mirror, checkouts, repo);
                }
                catch (InvalidOperationException)
                {
                    continue;
                }

                var lines = new ProjectCompiler(root, references).Compile(project.Project).Compilation.SyntaxTrees
                    .Where(t => !t.FilePath.Contains("/obj/", StringComparison.Ordinal))
                    .Sum(t => t.GetText().Lines.Count);
                candidates.Add((root, repo.Repo, project, lines));
            }
        }

        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(choice is null ? $"no labelled project found under {mirror}" : $"{choice}: no such labelled project fetched under {mirror}");
        }

        // A build the user pays for compiles. A package the runner cannot reference leaves error types, whose code
        // the compiler and every analyzer skip: of the largest, the first that nearly compiles (at most one error
        // per 200 lines in the runner's compilation), unless the project was named.
        var ranked = candidates.OrderByDescending(c => c.Lines).ToList();
        var (chosenRoot, chosenRepo, chosen, chosenLines) = ranked.FirstOrDefault(c => Errors(c.Root, c.Project) * 200 <= c.Lines, ranked[0]);
        Console.WriteLine($"Real project: {chosenRepo}:{chosen.Project}, {chosenLines:N0} lines, {chosen.Handlers?.Count ?? 0} labelled handlers, {Errors(chosenRoot, chosen)} compiler errors in the runner's compilation.");

        return new Workload($"{Path.GetFileNameWithoutExtension(chosen.Project)} (real)", Handlers: 0, chosenLines, () =>
        {
            var project = new ProjectCompiler(chosenRoot, references).Compile(chosen.Project);
            // csc compiles method bodies in parallel unless told not to; the runner compiles one at a time.
            var compilation = project.Compilation.WithOptions(project.Compilation.Options.WithConcurrentBuild(true));
            var properties = new[] { "build_property.MSBuildProjectDirectory", "build_property.ProjectDir", "build_property.RootNamespace", "build_property.IsTestProject" }
                .Where(key => project.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out _))
                .ToDictionary(key => key, key => project.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out var value) ? value : string.Empty);
            return sdk.Configure(compilation, EditorConfigs(Path.GetDirectoryName(Path.Combine(chosenRoot, chosen.Project))!, chosenRoot), properties, project.Options.AdditionalFiles);
        });
    }

    private static int Errors(string root, ProjectLabels project)
        => new ProjectCompiler(root, References).Compile(project.Project).Compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The .editorconfig files from the project's folder up to the repository root, as the compiler finds them.</summary>
    private static IEnumerable<AnalyzerConfig> EditorConfigs(string folder, string root)
    {
        for (var directory = Path.GetFullPath(folder); directory is not null && directory.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal); directory = Path.GetDirectoryName(directory))
        {
            var path = Path.Combine(directory, ".editorconfig");
            if (File.Exists(path))
            {
                yield return AnalyzerConfig.Parse(File.ReadAllText(path), path);
            }
        }
    }
}
