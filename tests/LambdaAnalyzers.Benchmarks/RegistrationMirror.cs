using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>What a rule's callbacks become when its registrations are passed through <see cref="RewiredRule"/>.</summary>
public interface ICallbackRewrite
{
    /// <summary>A compilation-start action: always run, so the rule registers what it really registers.</summary>
    Action<T> Start<T>(Action<T> start);

    /// <summary>Every other callback.</summary>
    Action<T> Callback<T>(Action<T> callback);
}

/// <summary>
/// One of our analyzers with its callbacks rewritten: it registers exactly what the rule registers (after the
/// rule's own compilation-start action, which decides whether Lambda is referenced), each callback replaced by
/// what <see cref="ICallbackRewrite"/> makes of it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RewiredRule(DiagnosticAnalyzer rule, ICallbackRewrite rewrite) : DiagnosticAnalyzer
{
    public DiagnosticAnalyzer Rule => rule;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => rule.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => rule.Initialize(new Rewired(context, rewrite));

    private sealed class Rewired(AnalysisContext context, ICallbackRewrite rewrite) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => context.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => context.RegisterCompilationStartAction(rewrite.Start<CompilationStartAnalysisContext>(start => action(new RewiredStart(start, rewrite))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => context.RegisterCompilationAction(rewrite.Callback(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => context.RegisterSemanticModelAction(rewrite.Callback(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => context.RegisterSymbolAction(rewrite.Callback(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => context.RegisterCodeBlockStartAction(rewrite.Callback(action));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(rewrite.Callback(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => context.RegisterSyntaxTreeAction(rewrite.Callback(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => context.RegisterSyntaxNodeAction(rewrite.Callback(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => context.RegisterOperationAction(rewrite.Callback(action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockAction(rewrite.Callback(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => context.RegisterAdditionalFileAction(rewrite.Callback(action));
    }

    private sealed class RewiredStart(CompilationStartAnalysisContext start, ICallbackRewrite rewrite) : CompilationStartAnalysisContext(start.Compilation, start.Options, start.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => start.RegisterCompilationEndAction(rewrite.Callback(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => start.RegisterSemanticModelAction(rewrite.Callback(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => start.RegisterSymbolAction(rewrite.Callback(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => start.RegisterCodeBlockStartAction(rewrite.Callback(action));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => start.RegisterCodeBlockAction(rewrite.Callback(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => start.RegisterSyntaxTreeAction(rewrite.Callback(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => start.RegisterSyntaxNodeAction(rewrite.Callback(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => start.RegisterOperationAction(rewrite.Callback(action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => start.RegisterOperationBlockAction(rewrite.Callback(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => start.RegisterAdditionalFileAction(rewrite.Callback(action));
    }
}

/// <summary>
/// Our rules with every callback emptied. Analyzing with all 24 measures what the analyzer driver spends on
/// our registrations alone: its dispatch and bookkeeping, which no rule can make cheaper by doing less in its
/// callback.
/// </summary>
public sealed class RegistrationMirror : ICallbackRewrite
{
    private static readonly RegistrationMirror Instance = new();

    public static ImmutableArray<DiagnosticAnalyzer> Of(ImmutableArray<DiagnosticAnalyzer> rules)
        => rules.Select(r => (DiagnosticAnalyzer)new RewiredRule(r, Instance)).ToImmutableArray();

    public Action<T> Start<T>(Action<T> start) => start;

    public Action<T> Callback<T>(Action<T> callback) => _ => { };
}
