using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM304: data of one invocation stored in static or handler-instance state, where the next invocation sees it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InvocationDataInSharedStateAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.InvocationDataInSharedState,
            title: "Per-invocation data written to static or handler-instance state",
            messageFormat: "'{0}' keeps data of an invocation of '{1}'{2} in state that outlives it: the next invocation in this environment, possibly another tenant's, sees it, and memory grows with every invocation",
            RuleCategories.ExecutionModel,
            DiagnosticSeverity.Info,
            description: "Static fields and the handler instance survive between invocations of a warm execution environment. Event data written there leaks into later invocations (and other tenants' requests) and accumulates until the environment is recycled.");

        /// <summary>What a <c>StringBuilder</c> keeps of what it is given.</summary>
        private static readonly HashSet<string> BufferMethods = new() { "Append", "AppendLine", "Insert" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => AnalyzeAssignment(c, lambda), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
            context.RegisterOperationAction(c => AnalyzeCounter(c, lambda), OperationKind.Increment, OperationKind.Decrement);
            context.RegisterOperationAction(c => AnalyzeInvocation(c, lambda), OperationKind.Invocation);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (lambda.InitOnce.TakesOffPath(assignment, assignment.Value))
            {
                return; // `if (_x == null) _x = ...` and `_x ??= ...` run once per environment
            }

            // `s_cache[key] = value` stores into the collection held by the field.
            var state = assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection } ? collection : assignment.Target;
            var carried = assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                ? indexer.Arguments.Select(a => a.Value).Append(assignment.Value)
                : new[] { assignment.Value };
            Report(context, lambda, state, carried, assignment is ICompoundAssignmentOperation && PerRecord(assignment, lambda.Types));
        }

        /// <summary><c>_processed++</c> once per record: the count is the event's, and it adds up across invocations.</summary>
        private static void AnalyzeCounter(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var counter = (IIncrementOrDecrementOperation)context.Operation;
            Report(context, lambda, counter.Target, Enumerable.Empty<IOperation>(), PerRecord(counter, lambda.Types));
        }

        /// <summary>
        /// A compound assignment or increment inside a loop over the event's data (<c>foreach (var r in evt.Records)</c>,
        /// <c>for (...; i &lt; evt.Records.Count; ...)</c>) in the same method or lambda.
        /// </summary>
        private static bool PerRecord(IOperation update, WellKnownTypes types)
        {
            for (var ancestor = update.Parent; ancestor is not null and not (IMethodBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation); ancestor = ancestor.Parent)
            {
                var overData = ancestor switch
                {
                    IForEachLoopOperation loop => loop.Collection,
                    IForLoopOperation { Condition: { } condition } => condition,
                    IWhileLoopOperation { Condition: { } condition } => condition,
                    _ => null,
                };
                if (overData is not null && InvocationInput.Carries(overData, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.Instance is { } collection && Stores(collection.Type, invocation.TargetMethod.Name, lambda.Types))
            {
                Report(context, lambda, collection, invocation.Arguments.Select(a => a.Value), perRecord: false);
            }
        }

        /// <summary>A collection's storing method, or an append to a <c>StringBuilder</c>.</summary>
        private static bool Stores(ITypeSymbol? type, string method, WellKnownTypes types)
            => InvocationInput.StoresIntoCollection(type, method, types) || (BufferMethods.Contains(method) && type.Is(types.StringBuilder));

        private static void Report(OperationAnalysisContext context, LambdaCompilation lambda, IOperation state, IEnumerable<IOperation> carried, bool perRecord)
        {
            if (state.ReferencedMember() is not { } member
                || !lambda.InitOnce.IsEnvironmentLifetimeMember(state)
                || !(perRecord || carried.Any(value => InvocationInput.CarriesInvocationData(value, lambda.Types))))
            {
                return;
            }

            if (lambda.Path.Find(context.Operation, context.ContainingSymbol) is { } path)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, context.Operation.Syntax.GetLocation(), member.Name, path.Handler.Name, path.ViaText));
            }
        }
    }
}
