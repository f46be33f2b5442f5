using System.Collections.Generic;
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
            messageFormat: "This catch in '{0}'{1} swallows every exception: Lambda sees a success, so the {2} event is acknowledged and never retried nor dead-lettered; rethrow, or record a batch-item failure",
            RuleCategories.Delivery,
            DiagnosticSeverity.Warning,
            description: "For asynchronous, SQS and stream triggers, Lambda retries a failed invocation and finally sends the event to a dead-letter queue or on-failure destination. A catch-all that logs and carries on turns every failure into a success: the event is deleted and lost.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.CatchClause);
        }

        /// <summary>The diagnostic property naming the fix that keeps the failure visible (see <see cref="FixKinds"/>); absent when none is safe.</summary>
        internal const string FixProperty = "LambdaAnalyzers.Fix";

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var catchClause = (ICatchClauseOperation)context.Operation;
            if (!catchClause.CatchesEverything() || catchClause.Handler.HandlesTheFailure())
            {
                return;
            }

            string? fix;
            var path = PathOfHandlerHolding(catchClause, context.ContainingSymbol, lambda);
            if (path is { Chain.Length: 1 })
            {
                // In the handler's own body.
                if (!path.Handler.Trigger.IsAtLeastOnce())
                {
                    return;
                }

                fix = ReturnsPartialBatchResponse(path.Handler, lambda) ? FixKinds.AddBatchItemFailure : FixKinds.Rethrow;
            }
            else
            {
                // In a per-record helper: a method taking the record, a value from it, or the context, on a handler's per-invocation path.
                if (context.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, Parameters.Length: > 0 } helper)
                {
                    return;
                }

                path ??= lambda.Path.Find(catchClause, context.ContainingSymbol);
                if (path is not { Chain.Length: > 1 }
                    || !path.Handler.Trigger.IsAtLeastOnce()
                    || !SymbolEqualityComparer.Default.Equals(path.Chain[path.Chain.Length - 1], helper)
                    || path.Chain[path.Chain.Length - 2] is not IMethodSymbol caller
                    || !(IsPerRecordHelper(helper, path.Handler, lambda) || IsCalledPerRecord(caller, helper, path.Handler, lambda))
                    || CallerSeesTheFailure(caller, helper, lambda, out var callSites))
                {
                    return;
                }

                // A rethrow reaches the handler: in a partial batch handler, only safe where the call site records the failure.
                fix = !ReturnsPartialBatchResponse(path.Handler, lambda) || callSites.All(IsInsideRecordingTry) ? FixKinds.Rethrow : null;
            }

            var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, CatchLocation(catchClause), properties, path.Handler.Name, path.ViaText, path.Handler.Trigger.EventSourceName()));
        }

        /// <summary>
        /// The path of the handler whose own body holds <paramref name="operation"/> (not a callee's): the innermost
        /// bootstrap lambda around it that is a handler, or else the method it is in; null in any other method.
        /// </summary>
        private static InvocationPath? PathOfHandlerHolding(IOperation operation, ISymbol containingSymbol, LambdaCompilation lambda)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation function && lambda.HandlerFor(function.Symbol) is not null)
                {
                    return lambda.PathTo(function.Symbol);
                }
            }

            return containingSymbol is IMethodSymbol method && lambda.HandlerFor(method) is not null ? lambda.PathTo(method) : null;
        }

        /// <summary>The fixes LAM203 can offer.</summary>
        internal static class FixKinds
        {
            /// <summary>End the catch with <c>throw;</c>.</summary>
            public const string Rethrow = "Rethrow";

            /// <summary>Add the loop's record to the partial batch response the handler returns.</summary>
            public const string AddBatchItemFailure = "AddBatchItemFailure";
        }

        private static bool ReturnsPartialBatchResponse(Handler handler, LambdaCompilation lambda)
            => handler.Trigger is Trigger.QueuePoll or Trigger.StreamPoll && lambda.Types.IsPartialBatchResponse(handler.Method.ReturnType);

        /// <summary>A helper takes the context, or the handler's event or one of its records.</summary>
        private static bool IsPerRecordHelper(IMethodSymbol helper, Handler handler, LambdaCompilation lambda)
        {
            var eventType = handler.Method.Parameters.Length > 0 ? handler.Method.Parameters[0].Type : null;
            var recordType = eventType is null ? null : RecordWork.RecordTypeOf(eventType);
            foreach (var parameter in helper.Parameters)
            {
                var type = parameter.Type;
                if (type.Is(lambda.Types.ILambdaContext)
                    || (eventType is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, eventType.OriginalDefinition))
                    || (recordType is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, recordType.OriginalDefinition)))
                {
                    return true;
                }

                for (var container = type.ContainingType; container is not null && eventType is not null; container = container.ContainingType)
                {
                    if (SymbolEqualityComparer.Default.Equals(container.OriginalDefinition, eventType.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A helper taking something else (<c>Consume(string body)</c>) is per-record when its caller calls it once
        /// per record: inside a loop over the handler's records, or from a helper that takes the record itself.
        /// </summary>
        private static bool IsCalledPerRecord(IMethodSymbol caller, IMethodSymbol helper, Handler handler, LambdaCompilation lambda)
        {
            if (handler.Method.Parameters.Length == 0 || RecordWork.RecordTypeOf(handler.Method.Parameters[0].Type) is not { } recordType)
            {
                return false;
            }

            if (!SymbolEqualityComparer.Default.Equals(caller, handler.Method))
            {
                return caller.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type.OriginalDefinition, recordType.OriginalDefinition));
            }

            var events = handler.Method.Parameters[0];
            foreach (var body in lambda.BodiesOf(caller, System.Threading.CancellationToken.None))
            {
                foreach (var loop in body.Descendants().OfType<IForEachLoopOperation>())
                {
                    if (loop.Collection.WithoutConversions() is IPropertyReferenceOperation { Property.Name: "Records", Instance: IParameterReferenceOperation { Parameter: var parameter } }
                        && SymbolEqualityComparer.Default.Equals(parameter, events)
                        && loop.Body.Descendants().OfType<IInvocationOperation>().Any(call => lambda.Path.TargetsOf(call.TargetMethod).Contains(helper, SymbolEqualityComparer.Default)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the caller learns of the failure anyway: it checks the failure value the helper returns, or it
        /// throws. Also true when it reaches the helper other than by a call, and when every call sits in a catch
        /// that already records the failure (a logging helper called while reporting a batch-item failure).
        /// </summary>
        private static bool CallerSeesTheFailure(IMethodSymbol caller, IMethodSymbol helper, LambdaCompilation lambda, out List<IOperation> callSites)
        {
            callSites = new List<IOperation>();
            var throws = false;
            foreach (var body in lambda.BodiesOf(caller, System.Threading.CancellationToken.None))
            {
                foreach (var operation in body.Descendants())
                {
                    var target = operation switch
                    {
                        IInvocationOperation invocation => invocation.TargetMethod,
                        IMethodReferenceOperation reference => reference.Method,
                        _ => null,
                    };
                    if (target is not null && lambda.Path.TargetsOf(target).Contains(helper, SymbolEqualityComparer.Default))
                    {
                        callSites.Add(operation);
                    }
                    else if (operation is IThrowOperation && !IsInCatch(operation))
                    {
                        throws = true;
                    }
                }
            }

            if (callSites.Count == 0 || throws || callSites.All(IsInRecordingCatch))
            {
                return true;
            }

            var returnsAValue = !(helper.ReturnsVoid || helper.ReturnType.Is(lambda.Types.Task) || helper.ReturnType.Is(lambda.Types.ValueTask));
            return returnsAValue && callSites.Any(site => !IsDiscarded(site) && !OnlyHandedToCodeThatIgnoresIt(site, lambda));
        }

        private static bool IsInRecordingCatch(IOperation site)
        {
            for (var parent = site.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ICatchClauseOperation catchClause && catchClause.Handler.HandlesTheFailure())
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The result goes into a local that is only handed to methods of this compilation that never look at
        /// it (<c>var rows = await ReadRows(record); await Save(rows);</c> where the catch returned an empty list):
        /// no one checks it, so the failure is lost. Any other use (a condition, a return, a field, a call into
        /// a package) counts as checking it.
        /// </summary>
        private static bool OnlyHandedToCodeThatIgnoresIt(IOperation site, LambdaCompilation lambda)
        {
            var value = site;
            while (value.Parent is IAwaitOperation or IConversionOperation)
            {
                value = value.Parent;
            }

            if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } })
            {
                return false;
            }

            var root = value;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local)))
            {
                var use = (IOperation)reference;
                while (use.Parent is IConversionOperation)
                {
                    use = use.Parent;
                }

                if (use.Parent is not IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation call })
                {
                    return false;
                }

                foreach (var target in lambda.Path.TargetsOf(call.TargetMethod).DefaultIfEmpty())
                {
                    if (target is null || parameter.Ordinal >= target.Parameters.Length)
                    {
                        return false;
                    }

                    var received = target.Parameters[parameter.Ordinal];
                    if (lambda.BodiesOf(target, System.Threading.CancellationToken.None)
                        .Any(body => body.Descendants().OfType<IParameterReferenceOperation>().Any(p => SymbolEqualityComparer.Default.Equals(p.Parameter, received))))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsInCatch(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ICatchClauseOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the helper's result is dropped: its call is a statement, directly or through <c>await</c>, a
        /// lambda returning it, LINQ and <c>Task.WhenAll</c> (<c>await Task.WhenAll(records.Select(r => Helper(r)))</c>).
        /// </summary>
        private static bool IsDiscarded(IOperation site)
        {
            var current = site;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IExpressionStatementOperation:
                        return true;
                    case IConversionOperation or IAwaitOperation or IDelegateCreationOperation:
                        current = parent;
                        continue;
                    case IReturnOperation { Parent: IBlockOperation { Parent: IAnonymousFunctionOperation function } }:
                        current = function;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation invocation } when PassesResultsOn(invocation):
                        current = invocation;
                        continue;
                    case IInvocationOperation invocation when invocation.Instance == current && PassesResultsOn(invocation):
                        current = invocation;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool PassesResultsOn(IInvocationOperation invocation)
            => invocation.TargetMethod.ContainingType?.ToDisplayString() is "System.Linq.Enumerable" or "System.Threading.Tasks.Task"
               || invocation.TargetMethod.Name == "ConfigureAwait";

        /// <summary>The call sits in a try whose catch records a failure (a batch-item failure, a throw): a rethrow from the helper lands there.</summary>
        private static bool IsInsideRecordingTry(IOperation callSite)
        {
            var child = callSite;
            while (child.Parent is { } parent)
            {
                if (parent is ITryOperation tryOperation && tryOperation.Body == child && tryOperation.Catches.Any(c => c.CatchesEverything() && c.Handler.HandlesTheFailure()))
                {
                    return true;
                }

                child = parent;
            }

            return false;
        }

        private static Location CatchLocation(ICatchClauseOperation catchClause)
        {
            var syntax = (CatchClauseSyntax)catchClause.Syntax;
            var end = syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End;
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, end));
        }
    }
}
