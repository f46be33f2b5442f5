using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// The shape shared by the reuse rules (LAM001–LAM004): a creation of the rule's kind on a handler's
    /// per-invocation path, reported on the creation expression with the handler and the call chain.
    /// </summary>
    public abstract class PerInvocationCreationAnalyzer : LambdaAnalyzer
    {
        internal const string EventDependentOption = "report_event_dependent_creations";
        internal const string PooledConnectionsOption = "report_pooled_connections";
        internal const string ReusableClientTypesOption = "reusable_client_types";

        /// <summary>
        /// Diagnostic property telling the fixer not to hoist: a pooled connection must not be shared across
        /// threads, and a creation keyed by an event value needs a cache per key, not one field.
        /// </summary>
        internal const string DoNotHoistProperty = "DoNotHoist";

        private static readonly ImmutableDictionary<string, string?> DoNotHoist = ImmutableDictionary<string, string?>.Empty.Add(DoNotHoistProperty, "true");

        private protected PerInvocationCreationAnalyzer(DiagnosticDescriptor rule) => Rule = rule;

        private protected DiagnosticDescriptor Rule { get; }

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        /// <summary>The consequence, completing the message: what to do and what it buys.</summary>
        private protected abstract string Remedy(ReuseCandidate candidate);

        /// <summary>The remedy for a creation that varies only by an endpoint or a pattern from the event: a cache per key, not one field.</summary>
        private protected virtual string KeyedRemedy(ReuseCandidate candidate) => Remedy(candidate);

        private protected sealed override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.ObjectCreation, OperationKind.Invocation);
        }

        private void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var types = lambda.Types;
            var tree = context.Operation.Syntax.SyntaxTree;
            var options = context.Options;
            var reusableClientTypes = context.Operation is IObjectCreationOperation && options.GetText(tree, ReusableClientTypesOption) is { } configured
                ? types.ConfiguredTypes(configured)
                : default;
            if (ReuseCandidates.Classify(context.Operation, types, reusableClientTypes) is not { } candidate || candidate.RuleId != Rule.Id)
            {
                return;
            }

            if (candidate.IsPooledConnection && !options.GetBool(tree, PooledConnectionsOption, defaultValue: false))
            {
                return;
            }

            // `new HttpClient(new HttpClientHandler())`: the inner object moves with the outer one, one diagnostic is enough.
            if (IsArgumentOfAnotherCandidate(context.Operation, types, reusableClientTypes))
            {
                return;
            }

            if (lambda.Path.Find(context.Operation, context.ContainingSymbol) is not { } path)
            {
                return;
            }

            // Built from the event: a per-tenant object is the design and stays silent unless asked for; one that
            // varies only by an endpoint or a pattern is rebuilt for the same few keys, and wants a cache per key.
            var keyed = false;
            if (InvocationInput.FeedsInto(context.Operation, types))
            {
                keyed = InvocationInput.VariesOnlyByKey(context.Operation, candidate, types);
                if (!keyed && !options.GetBool(tree, EventDependentOption, defaultValue: false))
                {
                    return;
                }
            }

            var severity = candidate.IsPooledConnection ? DiagnosticSeverity.Info : Rule.DefaultSeverity;
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                context.Operation.Syntax.GetLocation(),
                severity,
                additionalLocations: null,
                properties: candidate.IsPooledConnection || keyed ? DoNotHoist : null,
                candidate.CreatedType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                path.Handler.Name,
                path.ViaText,
                keyed ? KeyedRemedy(candidate) : Remedy(candidate)));
        }

        private static bool IsArgumentOfAnotherCandidate(IOperation operation, WellKnownTypes types, ImmutableArray<INamedTypeSymbol> reusableClientTypes)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: { } outer } && ReuseCandidates.Classify(outer, types, reusableClientTypes) is not null;
        }
    }
}
