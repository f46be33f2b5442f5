using System.Collections.Generic;
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
            messageFormat: "An exception from one record fails every record of the {0} batch handled by '{1}'{2}: the records that succeeded are delivered and processed again; return {3} listing only the failed records in BatchItemFailures, and enable ReportBatchItemFailures on the event source",
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
                || lambda.Types.IsPartialBatchResponse(method.ReturnType))
            {
                return;
            }

            var events = method.Parameters[0];
            foreach (var body in bodies)
            {
                if (new RecordLoops(lambda).FailureEscapes(body, events, isEvent: true, MaxCalleeDepth) is { } callees)
                {
                    var path = new InvocationPath(handler, callees.Insert(0, handler.Method));
                    var (source, response) = handler.Trigger == Trigger.QueuePoll ? ("SQS", "SQSBatchResponse")
                        : method.Parameters[0].Type.IsOrDerivesFrom(lambda.Types.KafkaEvent) ? ("Kafka", "a partial batch response")
                        : ("stream", "StreamsEventResponse");
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, handler.NameLocation(context.CancellationToken), source, handler.Name, path.ViaText, response));
                    return;
                }
            }
        }

        /// <summary>How many calls deep the event, handed on whole, is followed to the loop over its records.</summary>
        private const int MaxCalleeDepth = 2;

        /// <summary>
        /// Where a body works through the records of a batch, and whether an exception from that work can leave
        /// it. The records are <c>evt.Records</c>, a local alias of it (<c>var records = evt.Records;</c>), or a
        /// parameter a caller handed them in; the event handed whole to a method of this compilation is followed
        /// into it.
        /// </summary>
        private sealed class RecordLoops
        {
            private static readonly ImmutableHashSet<string> Materializers = ImmutableHashSet.Create("ToList", "ToArray", "AsEnumerable");

            private readonly LambdaCompilation _lambda;

            public RecordLoops(LambdaCompilation lambda) => _lambda = lambda;

            /// <summary>
            /// The callees (none for the body itself) through which a record's failure escapes, or null when
            /// none does. <paramref name="source"/> is the event when <paramref name="isEvent"/>, else the records.
            /// </summary>
            public ImmutableArray<ISymbol>? FailureEscapes(IOperation body, ISymbol source, bool isEvent, int depth)
            {
                var aliases = new List<ILocalSymbol>();
                var uses = new List<IOperation>();
                var handedOn = new List<(IArgumentOperation Argument, bool IsEvent)>();
                foreach (var operation in body.Descendants())
                {
                    if (IsRecords(operation, source, isEvent, aliases))
                    {
                        if (AliasDeclaredBy(operation) is { } alias)
                        {
                            aliases.Add(alias);
                        }
                        else
                        {
                            uses.Add(operation);
                        }
                    }
                    else if (isEvent && operation is IArgumentOperation { Value: var value } eventArgument && value.WithoutConversions() is IParameterReferenceOperation parameter
                             && SymbolEqualityComparer.Default.Equals(parameter.Parameter, source))
                    {
                        handedOn.Add((eventArgument, true));
                    }
                }

                foreach (var use in uses)
                {
                    if (IsBookkeeping(use))
                    {
                        continue;
                    }

                    if (Unconverted(use).Parent is IArgumentOperation recordsArgument && recordsArgument.Parent is IInvocationOperation call && _lambda.Path.TargetsOf(call.TargetMethod).Any())
                    {
                        handedOn.Add((recordsArgument, false));
                        continue;
                    }

                    if (!use.IsInsideSwallowingTry() && WorkOn(use) is var work && work.Any(w => RecordWork.CanFail(w, _lambda)))
                    {
                        return ImmutableArray<ISymbol>.Empty;
                    }
                }

                if (depth == 0)
                {
                    return null;
                }

                foreach (var (argument, handsOnEvent) in handedOn)
                {
                    if (argument.Parent is not IInvocationOperation invocation || argument.Parameter is not { } parameter || invocation.IsInsideSwallowingTry())
                    {
                        continue;
                    }

                    foreach (var target in _lambda.Path.TargetsOf(invocation.TargetMethod))
                    {
                        // A callee that is a handler of its own is checked as one.
                        if (_lambda.HandlerFor(target) is not null || parameter.Ordinal >= target.Parameters.Length)
                        {
                            continue;
                        }

                        foreach (var calleeBody in _lambda.BodiesOf(target, System.Threading.CancellationToken.None))
                        {
                            if (FailureEscapes(calleeBody, target.Parameters[parameter.Ordinal], handsOnEvent, depth - 1) is { } further)
                            {
                                return further.Insert(0, target);
                            }
                        }
                    }
                }

                return null;
            }

            /// <summary><c>evt.Records</c> (or a reference to the records themselves, or to an alias of them).</summary>
            private static bool IsRecords(IOperation operation, ISymbol source, bool isEvent, List<ILocalSymbol> aliases)
                => operation switch
                {
                    IPropertyReferenceOperation { Property.Name: "Records", Instance: IParameterReferenceOperation parameter } when isEvent
                        => SymbolEqualityComparer.Default.Equals(parameter.Parameter, source),
                    IParameterReferenceOperation parameter when !isEvent => SymbolEqualityComparer.Default.Equals(parameter.Parameter, source),
                    ILocalReferenceOperation local => aliases.Contains(local.Local, SymbolEqualityComparer.Default),
                    _ => false,
                };

            /// <summary>The local a use of the records initializes: <c>var records = evt.Records;</c>, or <c>= evt.Records.ToList();</c>.</summary>
            private static ILocalSymbol? AliasDeclaredBy(IOperation use)
            {
                var value = use;
                while (true)
                {
                    switch (value.Parent)
                    {
                        case IConversionOperation conversion:
                            value = conversion;
                            continue;
                        case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: var name } materializer } when Materializers.Contains(name):
                            value = materializer;
                            continue;
                        case IInvocationOperation { TargetMethod.Name: var name } materializer when materializer.Instance == value && Materializers.Contains(name):
                            value = materializer;
                            continue;
                    }

                    break;
                }

                return value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
            }

            /// <summary>A use that counts or checks the records without working on them: <c>evt.Records.Count</c> in a log line, a null check.</summary>
            private bool IsBookkeeping(IOperation use)
            {
                var parent = use.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                return parent switch
                {
                    IPropertyReferenceOperation { Property.Name: "Count" or "Length" } => true,
                    IConditionalAccessOperation { WhenNotNull: IPropertyReferenceOperation { Property.Name: "Count" or "Length" } } => true,
                    IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" or "Any", Arguments.Length: 1 } } => true,
                    IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } => true,
                    IIsPatternOperation => true,
                    _ => OnlyLogged(use),
                };
            }

            /// <summary>
            /// The records, or text made from them, only go into a log line
            /// (<c>context.Logger.LogLine($"first: {evt.Records.First().Body}")</c>).
            /// </summary>
            private bool OnlyLogged(IOperation use)
            {
                for (var current = use; current.Parent is { } parent; current = parent)
                {
                    switch (parent)
                    {
                        case IArgumentOperation { Parent: IInvocationOperation invocation } when LogSinks.IsLogSink(invocation.TargetMethod, _lambda.Types):
                            return true;
                        case IConversionOperation or IArgumentOperation or IPropertyReferenceOperation or IInterpolationOperation or IInterpolatedStringOperation
                            or IBinaryOperation or IInvocationOperation { TargetMethod.ContainingType.Name: "Enumerable" or "String" }:
                            continue;
                        default:
                            return false;
                    }
                }

                return false;
            }

            /// <summary>
            /// The work done on each record: a loop's body, or the lambdas and method groups a LINQ or
            /// <c>Task.WhenAll</c> chain applies to them. With neither (<c>evt.Records[0]</c>), the records are
            /// worked on in ways not followed here, and an escaping failure is assumed.
            /// </summary>
            private IEnumerable<IOperation> WorkOn(IOperation use)
            {
                var current = use;
                while (current.Parent is { } parent)
                {
                    if (parent is IForEachLoopOperation loop && loop.Collection == current)
                    {
                        return new[] { loop.Body };
                    }

                    if (parent is IConversionOperation or IArgumentOperation || (parent is IInvocationOperation invocation && (invocation.Instance == current || current is IArgumentOperation)))
                    {
                        current = parent;
                        continue;
                    }

                    break;
                }

                var work = new List<IOperation>();
                for (var chain = use; chain != current.Parent && chain is not null; chain = chain.Parent)
                {
                    if (chain is IInvocationOperation invocation)
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            work.AddRange(Applied(argument.Value));
                        }
                    }
                }

                if (work.Count > 0)
                {
                    return work;
                }

                // Worked on some other way (`evt.Records[0]`, `First()`): what the expression does is the work,
                // and when it picks a record into a local, so is every statement that uses the local.
                work.Add(current);
                if (current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var picked } })
                {
                    work.AddRange(StatementsUsing(picked, current));
                }

                return work;
            }

            private static IEnumerable<IOperation> StatementsUsing(ILocalSymbol local, IOperation within)
            {
                var root = within;
                while (root.Parent is { } parent)
                {
                    root = parent;
                }

                return root.Descendants()
                    .OfType<ILocalReferenceOperation>()
                    .Where(reference => SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    .Select(reference =>
                    {
                        IOperation statement = reference;
                        while (statement.Parent is { } parent and not IBlockOperation)
                        {
                            statement = parent;
                        }

                        return statement;
                    })
                    .Distinct();
            }

            private static IOperation Unconverted(IOperation operation)
            {
                while (operation.Parent is IConversionOperation conversion)
                {
                    operation = conversion;
                }

                return operation;
            }

            /// <summary>The code a delegate argument runs: a lambda's body, or the bodies of a method group's targets.</summary>
            private IEnumerable<IOperation> Applied(IOperation value)
            {
                value = value.WithoutConversions();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target;
                }

                switch (value)
                {
                    case IAnonymousFunctionOperation function:
                        return new[] { function.Body };
                    case IMethodReferenceOperation reference:
                        var targets = _lambda.Path.TargetsOf(reference.Method).ToList();
                        return targets.Count == 0
                            ? new[] { reference }
                            : targets.SelectMany(t => _lambda.BodiesOf(t, System.Threading.CancellationToken.None));
                    default:
                        return Enumerable.Empty<IOperation>();
                }
            }
        }
    }
}
