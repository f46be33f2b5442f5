using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM201: a side effect that runs again when an at-least-once event is delivered again, with no idempotency guard.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NonIdempotentSideEffectAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.NonIdempotentSideEffect,
            title: "Non-idempotent side effect in an at-least-once handler",
            messageFormat: "'{0}' in '{1}'{2} is not idempotent: when Lambda delivers the same {3} event again (a retry, a redelivered batch, a duplicate), it {4}; guard it with a conditional write keyed on the event's ID, or Powertools [Idempotent]",
            RuleCategories.Delivery,
            DiagnosticSeverity.Warning,
            description: "Asynchronous, SQS and stream triggers deliver each event at least once: failed invocations are retried, failed batches come back whole, and duplicates happen even without errors. A side effect that is not idempotent (a new item or object under a generated key, a counter increment, a message to a standard queue or topic, an e-mail, an event or stream record, an unnamed state machine execution, a POST, an INSERT) then happens twice.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var effect = SideEffects.RepeatedEffect(invocation, lambda.Types)
                ?? (context.Options.GetText(invocation.Syntax.SyntaxTree, SideEffects.SideEffectMethodsOption) is { } declared
                    ? SideEffects.DeclaredEffect(invocation, lambda.Types.ConfiguredMethodsOf(declared))
                    : null);
            InvocationPath? path = null;
            if (effect is null && SideEffects.KeysOnValues(invocation, lambda.Types))
            {
                // The key may be generated in a helper the item's value comes from, or by the caller that
                // passed the item down: follow values across the methods of the path.
                path = lambda.Path.Find(invocation, context.ContainingSymbol);
                if (path is not null && path.Handler.Trigger.IsAtLeastOnce())
                {
                    effect = SideEffects.RepeatedEffect(invocation, lambda.Types, new ValueTrail(lambda, path.Chain));
                }
            }

            path ??= effect is null ? null : lambda.Path.Find(invocation, context.ContainingSymbol);
            if (effect is null
                || path is null
                || !path.Handler.Trigger.IsAtLeastOnce()
                || IsGuarded(invocation, context.ContainingSymbol, path, lambda, context))
            {
                return;
            }

            var what = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), what, path.Handler.Name, path.ViaText, path.Handler.Trigger.EventSourceName(), effect));
        }

        /// <summary>
        /// [Idempotent] on the handler or on any method of the chain; an idempotency-key header sent with an
        /// HTTP request (HttpClient or a client library); or a conditional write that can succeed only once, in the
        /// handler or the method doing the effect.
        /// </summary>
        private static bool IsGuarded(IInvocationOperation invocation, ISymbol containingSymbol, InvocationPath path, LambdaCompilation lambda, OperationAnalysisContext context)
        {
            if (lambda.Types.IdempotentAttribute is { } idempotent
                && path.Chain.Append(containingSymbol).Any(member => member.GetAttributes().Any(a => a.AttributeClass.Is(idempotent))))
            {
                return true;
            }

            if (SideEffects.IsHttpRequest(invocation, lambda.Types)
                && containingSymbol.ContainingType.DeclaringSyntaxReferences.Any(r => r.GetSyntax(context.CancellationToken).DescendantTokens()
                    .Any(t => t.ValueText.IndexOf("idempotency", System.StringComparison.OrdinalIgnoreCase) >= 0)))
            {
                return true;
            }

            var guardingBodies = lambda.BodiesOf(path.Handler.Method, context.CancellationToken).Append(invocation.Root());
            return guardingBodies.Any(body => body.Descendants().OfType<IInvocationOperation>().Any(call => call != invocation && SideEffects.IsIdempotencyGuard(call, lambda.Types)));
        }
    }
}
