using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM203: a catch-all in an at-least-once handler that neither rethrows nor records a batch-item failure.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FailureSwallowedAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.FailureSwallowed,
            title: "Failure swallowed in an at-least-once handler",
            messageFormat: "This catch in '{0}' swallows every exception: Lambda sees a success, so the {1} event is acknowledged and never retried nor dead-lettered; rethrow, or record a batch-item failure",
            RuleCategories.Delivery,
            DiagnosticSeverity.Warning,
            description: "For asynchronous, SQS and stream triggers, Lambda retries a failed invocation and finally sends the event to a dead-letter queue or on-failure destination. A catch-all that logs and carries on turns every failure into a success: the event is deleted and lost.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal sealed override bool ReportsAtTheOperation => true;

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.CatchClause);
        }

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var catchClause = (ICatchClauseOperation)context.Operation;
            if (!catchClause.CatchesEverything()
                || lambda.HandlerWhoseBodyHolds(catchClause, context.ContainingSymbol) is not { } handler
                || !handler.Trigger.IsAtLeastOnce()
                || HandlesTheFailure(catchClause.Handler))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptor, CatchLocation(catchClause), handler.Name, handler.Trigger.EventSourceName()));
        }

        /// <summary>A throw, a stored failure (<c>BatchItemFailures.Add</c>, <c>failures.Add(id)</c>), or an explicit send to a queue or topic.</summary>
        private static bool HandlesTheFailure(IBlockOperation handler)
            => handler.Descendants().Any(operation => operation switch
            {
                IThrowOperation => true,
                IInvocationOperation { TargetMethod.Name: var name } when name.StartsWith("Add", System.StringComparison.Ordinal)
                                                                         || name.StartsWith("Send", System.StringComparison.Ordinal)
                                                                         || name.StartsWith("Publish", System.StringComparison.Ordinal)
                                                                         || name.StartsWith("Put", System.StringComparison.Ordinal) => true,
                IObjectCreationOperation { Type.Name: "BatchItemFailure" } => true,
                _ => false,
            });

        private static Location CatchLocation(ICatchClauseOperation catchClause)
        {
            var syntax = (CatchClauseSyntax)catchClause.Syntax;
            var end = syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End;
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, end));
        }
    }
}
