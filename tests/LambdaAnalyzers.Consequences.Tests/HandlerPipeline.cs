using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using LambdaAnalyzers.CodeFixes.Rules;
using LambdaAnalyzers.Simulator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Consequences.Tests;

/// <summary>
/// The end-to-end loop: a handler's source, the analyzer's diagnostics on it, the code fix applied through
/// the real provider, both versions compiled in memory and run in the simulator. Each execution
/// environment loads its own copy of the assembly, so static fields live per environment, as in Lambda.
/// </summary>
internal sealed class HandlerPipeline
{
    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
        .Concat(new[] { typeof(Amazon.Lambda.Core.ILambdaContext).Assembly, typeof(Amazon.Runtime.IAmazonService).Assembly, typeof(MeteredS3Client).Assembly }
            .Distinct()
            .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)))
        .ToImmutableArray();

    private readonly Document _document;

    public HandlerPipeline(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Handlers",
            "Handlers." + Guid.NewGuid().ToString("N"),
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            metadataReferences: References));
        _document = workspace.AddDocument(project.Id, "Handler.cs", SourceText.From(source));
    }

    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
    }

    public Document Original => _document;

    /// <summary>Applies the first fix the provider offers for each diagnostic, one after another.</summary>
    public static async Task<Document> FixAsync(Document document, DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
    {
        while ((await DiagnosticsAsync(document, analyzer)).FirstOrDefault() is { } diagnostic)
        {
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            Assert.NotEmpty(actions);
            var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            document = solution.GetDocument(document.Id)!;
        }

        return document;
    }

    public static async Task<byte[]> CompileAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }

    /// <summary>
    /// A simulated function whose init loads the compiled assembly into a fresh load context (its statics are
    /// the environment's) and creates the handler instance, and whose handler calls <paramref name="typeName"/>.<paramref name="methodName"/>.
    /// </summary>
    public static LambdaFunction AddFunction(Simulation simulation, byte[] assembly, string typeName, string methodName, TimeSpan work, FunctionConfig? config = null)
        => simulation.AddFunction(
            typeName,
            (input, context) =>
            {
                var (instance, method) = ((object, MethodInfo))context.Environment.State["handler"]!;
                context.Spend(work);
                object? result = null;
                CostModel.Run(context, () => result = method.Invoke(instance, new[] { input, null }));
                return result;
            },
            config,
            init: context => CostModel.Run(context, () =>
            {
                var loaded = new AssemblyLoadContext("environment-" + context.Environment.Id, isCollectible: true).LoadFromStream(new MemoryStream(assembly));
                var type = loaded.GetType(typeName, throwOnError: true)!;
                var instance = Activator.CreateInstance(type)!;
                System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                context.Environment.State["handler"] = (instance, type.GetMethod(methodName)!);
            }));
}
