using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// One of our analyzers with its callbacks emptied: it registers exactly what the rule registers (after the
/// rule's own compilation-start action, which decides whether Lambda is referenced), and each callback does
/// nothing. Analyzing with all 24 mirrors measures what the analyzer driver spends on our registrations
/// alone: its dispatch and bookkeeping, which no rule can make cheaper by doing less in its callback.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegistrationMirror(DiagnosticAnalyzer rule) : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => rule.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => rule.Initialize(new Mirrored(context));

    public static ImmutableArray<DiagnosticAnalyzer> Of(ImmutableArray<DiagnosticAnalyzer> rules)
        => rules.Select(r => (DiagnosticAnalyzer)new RegistrationMirror(r)).ToImmutableArray();

    private sealed class Mirrored(AnalysisContext context) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => context.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => context.RegisterCompilationStartAction(start => action(new MirroredStart(start)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => context.RegisterCompilationAction(_ => { });

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => context.RegisterSemanticModelAction(_ => { });

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => context.RegisterSymbolAction(_ => { }, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => context.RegisterCodeBlockStartAction<TLanguageKindEnum>(_ => { });

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(_ => { });

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => context.RegisterSyntaxTreeAction(_ => { });

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => context.RegisterSyntaxNodeAction(_ => { }, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => context.RegisterOperationAction(_ => { }, operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockAction(_ => { });

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => context.RegisterAdditionalFileAction(_ => { });
    }

    private sealed class MirroredStart(CompilationStartAnalysisContext start) : CompilationStartAnalysisContext(start.Compilation, start.Options, start.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => start.RegisterCompilationEndAction(_ => { });

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => start.RegisterSemanticModelAction(_ => { });

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => start.RegisterSymbolAction(_ => { }, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => start.RegisterCodeBlockStartAction<TLanguageKindEnum>(_ => { });

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => start.RegisterCodeBlockAction(_ => { });

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => start.RegisterSyntaxTreeAction(_ => { });

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => start.RegisterSyntaxNodeAction(_ => { }, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => start.RegisterOperationAction(_ => { }, operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => start.RegisterOperationBlockAction(_ => { });

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => start.RegisterAdditionalFileAction(_ => { });
    }
}
