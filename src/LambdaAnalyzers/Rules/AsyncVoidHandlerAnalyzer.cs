using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM301: an async void handler. The runtime refuses to load one named by a handler string; as a bootstrap delegate it returns before its work is done.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncVoidHandlerAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.AsyncVoidHandler,
            title: "async void handler",
            messageFormat: "Handler '{0}' is async void: the .NET Lambda runtime refuses to load it ('cannot be used as a Lambda Handler because it is an async void method'), and as a bootstrap delegate it returns before its work is done; return Task",
            RuleCategories.ExecutionModel,
            DiagnosticSeverity.Error,
            description: "Lambda considers an invocation finished when the handler returns. An async void handler returns at its first await, so the environment is frozen with the work half done, and its exceptions crash the process instead of failing the invocation. The managed runtime rejects async void handlers outright.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterSymbolAction(c => Check(c.Symbol as IMethodSymbol, lambda, c.ReportDiagnostic, c.CancellationToken), SymbolKind.Method);
            context.RegisterOperationAction(c => Check(((IAnonymousFunctionOperation)c.Operation).Symbol, lambda, c.ReportDiagnostic, c.CancellationToken), OperationKind.AnonymousFunction);
        }

        private static void Check(IMethodSymbol? method, LambdaCompilation lambda, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (method is { IsAsync: true, ReturnsVoid: true } && lambda.HandlerFor(method) is { } handler)
            {
                report(Diagnostic.Create(Descriptor, handler.NameLocation(cancellationToken), handler.Name));
            }
        }
    }
}
