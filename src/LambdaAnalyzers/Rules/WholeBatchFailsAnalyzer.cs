using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM202: an SQS or stream batch handler where one record's exception fails the batch, and no partial batch response is returned.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WholeBatchFailsAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.WholeBatchFails,
            title: "Batch handler fails the whole batch",
            messageFormat: "An exception from one record fails every record of the {0} batch handled by '{1}': the records that succeeded are delivered and processed again; return {2} listing only the failed records in BatchItemFailures, and enable ReportBatchItemFailures on the event source",
            RuleCategories.Delivery,
            DiagnosticSeverity.Warning,
            description: "When an SQS or stream batch handler throws, Lambda treats the whole batch as failed: SQS makes every message visible again after the visibility timeout, streams retry the whole batch and block the shard. Records that had succeeded run again, and a single poison record can keep a batch failing until it expires. A partial batch response reports only the failed records.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationBlockAction(c => Analyze(c, lambda));
        }

        private static void Analyze(OperationBlockAnalysisContext context, LambdaCompilation lambda)
        {
            if (context.OwningSymbol is IMethodSymbol method)
            {
                Check(method, context.OperationBlocks, lambda, context);
            }

            // A bootstrap handler is a lambda inside Main or the top-level statements; no other body is searched.
            if (lambda.HoldsHandlerLambdas(context.OwningSymbol))
            {
                foreach (var function in context.OperationBlocks.SelectMany(b => b.Descendants()).OfType<IAnonymousFunctionOperation>())
                {
                    Check(function.Symbol, ImmutableArray.Create<IOperation>(function.Body), lambda, context);
                }
            }
        }

        private static void Check(IMethodSymbol method, ImmutableArray<IOperation> bodies, LambdaCompilation lambda, OperationBlockAnalysisContext context)
        {
            // Every method's block comes here: the parameter test first, it needs nothing computed.
            if (method.Parameters.Length == 0
                || lambda.HandlerFor(method) is not { } handler
                || handler.Trigger is not (Trigger.QueuePoll or Trigger.StreamPoll)
                || method.Parameters[0].Type.IsOrDerivesFrom(lambda.Types.KafkaEvent)
                || lambda.Types.IsPartialBatchResponse(method.ReturnType))
            {
                return;
            }

            var events = method.Parameters[0];
            if (bodies.Any(body => ARecordFailureEscapes(body, events)))
            {
                var (source, response) = handler.Trigger == Trigger.QueuePoll ? ("SQS", "SQSBatchResponse") : ("stream", "StreamsEventResponse");
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, handler.NameLocation(context.CancellationToken), source, handler.Name, response));
            }
        }

        /// <summary>
        /// The handler works through <c>evt.Records</c> and an exception from that work can leave the handler:
        /// the loop body (or, with no loop, the whole body) is not guarded by a catch-all that keeps the failure inside.
        /// </summary>
        private static bool ARecordFailureEscapes(IOperation block, IParameterSymbol events)
        {
            var recordsUses = block.Descendants()
                .OfType<IPropertyReferenceOperation>()
                .Where(p => p.Property.Name == "Records" && p.Instance is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, events))
                .ToList();
            if (recordsUses.Count == 0)
            {
                return false;
            }

            foreach (var use in recordsUses)
            {
                var loop = use.Parent is IConversionOperation conversion ? conversion.Parent : use.Parent;
                var guarded = loop is IForEachLoopOperation forEach && forEach.Collection.DescendantsAndSelf().Contains(use)
                    ? IsGuarded(forEach.Body)
                    : IsInsideSwallowingTry(use);
                if (!guarded)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The loop body's work all sits in a try whose catch-all does not rethrow.</summary>
        private static bool IsGuarded(IOperation body)
        {
            var statements = body is IBlockOperation block ? block.Operations : ImmutableArray.Create(body);
            var work = statements.Where(s => s is not (IVariableDeclarationGroupOperation or IEmptyOperation)).ToList();
            return work.Count > 0 && work.All(s => s is ITryOperation tryOperation && SwallowsEverything(tryOperation));
        }

        private static bool IsInsideSwallowingTry(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ITryOperation tryOperation && tryOperation.Body.DescendantsAndSelf().Contains(operation) && SwallowsEverything(tryOperation))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SwallowsEverything(ITryOperation tryOperation)
            => tryOperation.Catches.Any(c => c.CatchesEverything() && !c.Handler.Descendants().OfType<IThrowOperation>().Any());
    }
}
