using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>Whether the compilation hands an analyzer the driver's own model of a tree: if not, the path binds twice.</summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ModelSharingProbe : DiagnosticAnalyzer
{
    private static readonly Microsoft.CodeAnalysis.DiagnosticDescriptor Nothing = new("PROBE", "probe", "probe", "probe", Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public static int Same;
    public static int Different;

    public override ImmutableArray<Microsoft.CodeAnalysis.DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Nothing);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(c =>
        {
            var model = c.OperationBlocks[0].SemanticModel!;
            if (ReferenceEquals(model, c.Compilation.GetSemanticModel(model.SyntaxTree)))
            {
                Interlocked.Increment(ref Same);
            }
            else
            {
                Interlocked.Increment(ref Different);
            }
        });
    }
}
