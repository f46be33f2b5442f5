using System.Collections.Immutable;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.RealWorld;

/// <summary>
/// Builds a <see cref="CSharpCompilation"/> from a checked-out project file the way its build would: every
/// <c>.cs</c> file under the project folder (not bin/obj, not nested projects), the SDK's implicit usings,
/// its project references compiled the same way, its deployment files and the nearest templates above it as
/// AdditionalFiles (as the package's build props add them), and its .editorconfig files. Package references are served by one fixed set of
/// assemblies: the .NET reference pack, the Amazon.Lambda stand-ins and the packages this runner references.
/// </summary>
internal sealed class ProjectCompiler
{
    /// <summary>The files the package's build props hand to the analyzers when they sit in the project folder.</summary>
    public static readonly ImmutableArray<string> DeploymentFileNames = ImmutableArray.Create(
        "aws-lambda-tools-defaults.json", "serverless.template", "template.yaml", "template.yml", "serverless.yml", "serverless.yaml");

    private static readonly string[] SdkUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebSdkUsings =
        ["System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
         "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
         "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    private readonly string _root;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly Dictionary<string, CompiledProject> _compiled = new(StringComparer.Ordinal);

    public ProjectCompiler(string repositoryRoot, ImmutableArray<MetadataReference> references)
    {
        _root = Path.GetFullPath(repositoryRoot);
        _references = references;
    }

    /// <summary>The compilation of the project at <paramref name="projectPath"/> (relative to the repository root), with its analyzer inputs.</summary>
    public CompiledProject Compile(string projectPath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, projectPath));
        if (_compiled.TryGetValue(full, out var done))
        {
            return done;
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"project file not found: {projectPath}");
        }

        var folder = Path.GetDirectoryName(full)!;
        var project = XDocument.Load(full);
        // Directory.Build.props files apply first, outermost first, then the project file itself.
        var files = BuildProps(folder).Append(project).ToList();
        string? Property(string name) => files.SelectMany(f => f.Descendants()).LastOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        var assemblyName = Property("AssemblyName") is { Length: > 0 } a && !a.Contains("$(") ? a : Path.GetFileNameWithoutExtension(full);
        var sdk = project.Root?.Attribute("Sdk")?.Value ?? "Microsoft.NET.Sdk";

        var parse = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None);
        var trees = new List<SyntaxTree>();
        foreach (var file in SourceFiles(folder))
        {
            trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(file), System.Text.Encoding.UTF8), parse, file));
        }

        var usings = new List<string>();
        if (string.Equals(Property("ImplicitUsings"), "enable", StringComparison.OrdinalIgnoreCase)
            || string.Equals(Property("ImplicitUsings"), "true", StringComparison.OrdinalIgnoreCase))
        {
            usings.AddRange(sdk.Contains("Web", StringComparison.OrdinalIgnoreCase) ? SdkUsings.Concat(WebSdkUsings) : SdkUsings);
        }

        foreach (var item in files.SelectMany(f => f.Descendants()).Where(e => e.Name.LocalName == "Using"))
        {
            if (item.Attribute("Include")?.Value is { Length: > 0 } include)
            {
                usings.Add(item.Attribute("Alias")?.Value is { Length: > 0 } alias ? $"{alias} = global::{include}"
                    : string.Equals(item.Attribute("Static")?.Value, "true", StringComparison.OrdinalIgnoreCase) ? $"static global::{include}"
                    : $"global::{include}");
            }
            else if (item.Attribute("Remove")?.Value is { Length: > 0 } remove)
            {
                usings.Remove($"global::{remove}");
                usings.Remove(remove);
            }
        }

        if (usings.Count > 0)
        {
            var text = string.Concat(usings.Distinct().Select(u => $"global using {(u.Contains("global::") ? u : "global::" + u)};\n"));
            trees.Add(CSharpSyntaxTree.ParseText(text, parse, Path.Combine(folder, "obj", assemblyName + ".GlobalUsings.g.cs")));
        }

        // Project references flow transitively, as MSBuild passes them to the compiler.
        var projectReferences = new List<MetadataReference>();
        foreach (var include in project.Descendants().Where(e => e.Name.LocalName == "ProjectReference").Select(e => e.Attribute("Include")?.Value))
        {
            if (include is null)
            {
                continue;
            }

            var referenced = Path.GetFullPath(Path.Combine(folder, include.Replace('\\', '/')));
            if (File.Exists(referenced))
            {
                var dependency = Compile(Path.GetRelativePath(_root, referenced));
                projectReferences.Add(dependency.Compilation.ToMetadataReference());
                projectReferences.AddRange(dependency.ProjectReferences);
            }
        }

        var references = _references.Concat(projectReferences.Distinct()).ToList();

        var outputKind = (Property("OutputType") ?? "Library").ToLowerInvariant() switch
        {
            "exe" => OutputKind.ConsoleApplication,
            "winexe" => OutputKind.WindowsApplication,
            _ => OutputKind.DynamicallyLinkedLibrary,
        };
        var nullable = string.Equals(Property("Nullable"), "enable", StringComparison.OrdinalIgnoreCase)
            ? NullableContextOptions.Enable
            : NullableContextOptions.Disable;
        var options = new CSharpCompilationOptions(outputKind, nullableContextOptions: nullable, allowUnsafe: true, concurrentBuild: false);
        var compilation = CSharpCompilation.Create(assemblyName, trees, references, options);
        if (AwsClientStandIns.For(compilation, _references) is { } services)
        {
            compilation = compilation.AddReferences(services);
        }

        var additional = DeploymentFileNames
            .Select(name => Path.Combine(folder, name))
            .Concat(TemplatesAbove(folder))
            .Where(File.Exists)
            .Select(path => (AdditionalText)new FileText(path))
            .ToImmutableArray();
        var config = EditorConfig.For(folder, _root, trees, new Dictionary<string, string>
        {
            ["build_property.MSBuildProjectDirectory"] = folder,
            ["build_property.ProjectDir"] = folder + Path.DirectorySeparatorChar,
            ["build_property.RootNamespace"] = Property("RootNamespace") ?? assemblyName,
            ["build_property.IsTestProject"] = Property("IsTestProject") ?? string.Empty,
        });

        var result = new CompiledProject(compilation, new AnalyzerOptions(additional, config), projectReferences.Distinct().ToList());
        _compiled[full] = result;
        return result;
    }

    /// <summary>The templates the package's build props add from above the project: the nearest of each name, from the parent folder up (here, up to the repository root).</summary>
    public static readonly ImmutableArray<string> TemplateNamesAbove = ImmutableArray.Create("template.yaml", "template.yml", "serverless.template");

    private IEnumerable<string> TemplatesAbove(string folder)
    {
        foreach (var name in TemplateNamesAbove)
        {
            for (var directory = Path.GetDirectoryName(folder); directory is not null && directory.StartsWith(_root, StringComparison.Ordinal); directory = Path.GetDirectoryName(directory))
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path))
                {
                    yield return path;
                    break;
                }
            }
        }
    }

    private IEnumerable<XDocument> BuildProps(string folder)
    {
        var found = new List<XDocument>();
        for (var directory = folder; directory is not null && directory.StartsWith(_root, StringComparison.Ordinal); directory = Path.GetDirectoryName(directory))
        {
            var path = Path.Combine(directory, "Directory.Build.props");
            if (File.Exists(path))
            {
                try
                {
                    found.Add(XDocument.Load(path));
                }
                catch (System.Xml.XmlException)
                {
                    // A props file the runner cannot read is skipped, as an unreadable one would fail the real build loudly.
                }
            }
        }

        found.Reverse();
        return found;
    }

    private static IEnumerable<string> SourceFiles(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs"))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                var name = Path.GetFileName(child);
                if (name is "bin" or "obj" or ".git" || Directory.EnumerateFiles(child, "*.csproj").Any())
                {
                    continue;
                }

                pending.Push(child);
            }
        }
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
            => SourceText.From(File.ReadAllText(Path), System.Text.Encoding.UTF8);
    }
}

/// <summary>A project's compilation, the options its analyzers get, and the project references (transitive) it compiles against.</summary>
internal sealed record CompiledProject(CSharpCompilation Compilation, AnalyzerOptions Options, IReadOnlyList<MetadataReference> ProjectReferences);

/// <summary>The .editorconfig files from the project folder up to the repository root, and the build properties, as the compiler hands them to analyzers.</summary>
internal sealed class EditorConfig : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<SyntaxTree, AnalyzerConfigOptions> _trees;
    private readonly AnalyzerConfigOptions _global;

    private EditorConfig(Dictionary<SyntaxTree, AnalyzerConfigOptions> trees, AnalyzerConfigOptions global)
    {
        _trees = trees;
        _global = global;
    }

    public static EditorConfig For(string projectFolder, string root, IEnumerable<SyntaxTree> trees, IDictionary<string, string> buildProperties)
    {
        var configs = new List<AnalyzerConfig>();
        for (var directory = projectFolder; directory is not null && directory.StartsWith(root, StringComparison.Ordinal); directory = Path.GetDirectoryName(directory))
        {
            var path = Path.Combine(directory, ".editorconfig");
            if (File.Exists(path))
            {
                configs.Add(AnalyzerConfig.Parse(File.ReadAllText(path), path));
            }
        }

        var set = AnalyzerConfigSet.Create(configs);
        var global = new Options(buildProperties.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
        var perTree = new Dictionary<SyntaxTree, AnalyzerConfigOptions>();
        foreach (var tree in trees)
        {
            var result = set.GetOptionsForSourcePath(tree.FilePath);
            perTree[tree] = new Options(result.AnalyzerOptions.AddRange(buildProperties.Where(p => !result.AnalyzerOptions.ContainsKey(p.Key))));
        }

        return new EditorConfig(perTree, global);
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _trees.TryGetValue(tree, out var options) ? options : _global;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _global;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
