using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// After a whole analysis, the names the path looked for callers by and how many declarations each made it
/// bind: the first thing to look at when the path costs more than it should (a name every method mentions
/// binds the project).
/// </summary>
public static class ExpansionsProbe
{
    public static void Run(int handlers)
    {
        var compilation = SyntheticProject.Create(handlers);
        var seen = new CompilationSeen();
        AnalyzerCost.AnalyzeOnce(compilation, ShippedAnalyzers.Create().Add(seen));

        // The driver analyzes its own copy of the compilation, which is the one the rules' shared facts belong to.
        var path = LambdaCompilation.For(seen.Compilation!).Path;
        foreach (DictionaryEntry expansion in (IDictionary)Field(path, "_namesBound"))
        {
            Console.WriteLine($"  '{expansion.Key}': {((ICollection)Field(expansion.Value!, "_items")).Count} declarations");
        }

        Console.WriteLine($"  {((ICollection)Field(path, "_answers")).Count} answers, {((ICollection)Field(path, "_callees")).Count} members bound");
    }

    private static object Field(object owner, string name) => owner.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(owner)!;

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class CompilationSeen : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Nothing = new("SEEN", "seen", "seen", "seen", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public Compilation? Compilation { get; private set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Nothing);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => Compilation = start.Compilation);
        }
    }
}
