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

        /// <summary>Collection methods that store their arguments.</summary>
        private static readonly HashSet<string> StoringMethods = new()
        {
            "Add", "AddRange", "TryAdd", "AddOrUpdate", "GetOrAdd", "Enqueue", "Push", "Insert", "Set", "TryUpdate", "AddFirst", "AddLast",
        };

        /// <summary>What a <c>StringBuilder</c> keeps of what it is given.</summary>
        private static readonly HashSet<string> BufferMethods = new() { "Append", "AppendLine", "Insert" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal sealed override bool ReportsAtTheOperation => true;

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => AnalyzeAssignment(c, lambda), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
            context.RegisterOperationAction(c => AnalyzeInvocation(c, lambda), OperationKind.Invocation);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var assignment = (IAssignmentOperation)context.Operation;

            // `s_cache[key] = value` stores into the collection held by the field.
            var state = assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection } ? collection : assignment.Target;
            var carried = assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                ? indexer.Arguments.Select(a => a.Value).Append(assignment.Value)
                : new[] { assignment.Value };
            Report(context, lambda, state, carried);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.Instance is { } collection && Stores(collection.Type, invocation.TargetMethod.Name, lambda.Types))
            {
                Report(context, lambda, collection, invocation.Arguments.Select(a => a.Value));
            }
        }

        /// <summary>
        /// A storing method of a collection (<c>ICollection&lt;T&gt;</c>, which dictionaries and sets implement, or
        /// <c>ICollection</c>, which queues, stacks and the concurrent collections do), or an append to a
        /// <c>StringBuilder</c>. A method named <c>Add</c> on anything else (a calculator, a service) stores nothing
        /// we can tell.
        /// </summary>
        private static bool Stores(ITypeSymbol? type, string method, WellKnownTypes types)
            => (StoringMethods.Contains(method) && (types.Implements(type, types.ICollectionOfT) || types.Implements(type, types.ICollection)))
               || (BufferMethods.Contains(method) && type.Is(types.StringBuilder));

        private static void Report(OperationAnalysisContext context, LambdaCompilation lambda, IOperation state, IEnumerable<IOperation> carried)
        {
            if (state.ReferencedMember() is not { } member
                || !lambda.InitOnce.IsEnvironmentLifetimeMember(state)
                || !carried.Any(value => InvocationInput.Carries(value, lambda.Types)))
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
