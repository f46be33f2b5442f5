using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// Loads analyzer assemblies as the compiler does: one load context per folder, the compiler's own assemblies
/// and the framework shared with the host. Two builds of LambdaAnalyzers.dll in two folders load side by side.
/// </summary>
internal sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
{
    public static readonly AnalyzerLoader Instance = new();

    private static readonly string FrameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    private readonly ConcurrentDictionary<string, FolderContext> _contexts = new(StringComparer.Ordinal);

    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(fullPath))!;
        return _contexts.GetOrAdd(folder, f => new FolderContext(f)).LoadFromAssemblyPath(Path.GetFullPath(fullPath));
    }

    /// <summary>The analyzers (and source generators) of an analyzer assembly, loaded through this loader.</summary>
    public static AnalyzerFileReference Reference(string path) => new(Path.GetFullPath(path), Instance);

    private sealed class FolderContext(string folder) : AssemblyLoadContext("analyzers " + folder)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            // Analyzers must see the Roslyn this process compiles with, and one copy of the framework.
            if (name.Name is null or "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp" or "Microsoft.CodeAnalysis.Workspaces" or "Microsoft.CodeAnalysis.CSharp.Workspaces"
                || File.Exists(Path.Combine(FrameworkFolder, name.Name + ".dll")))
            {
                return null;
            }

            // A dependency the folder lacks (a project's build output has no package dependencies) comes from the host.
            var beside = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(beside) ? LoadFromAssemblyPath(beside) : null;
        }
    }
}
