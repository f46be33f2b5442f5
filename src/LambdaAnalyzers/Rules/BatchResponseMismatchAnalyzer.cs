using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM402: the handler's partial batch response and the event source's ReportBatchItemFailures disagree.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BatchResponseMismatchAnalyzer : DeploymentFileAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.BatchResponseMismatch,
            title: "Partial batch response and ReportBatchItemFailures disagree",
            messageFormat: "{0}",
            RuleCategories.Deployment,
            DiagnosticSeverity.Error,
            description: "Lambda reads a partial batch response only when the event source mapping enables ReportBatchItemFailures. Without it, the response is ignored and every message of the batch is deleted, the failed ones included; with it but no response, the failures the handler meant to report are not reported.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        /// <summary>A serverless.yml says it on the event the same plain way: <c>functionResponseType: ReportBatchItemFailures</c>.</summary>
        private protected override bool ChecksServerlessFramework => true;

        private protected override void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda)
        {
            foreach (var function in file.Functions)
            {
                var (result, method, _, _) = HandlerString.Resolve(function, context.Compilation);
                if (result != HandlerResolution.Resolved)
                {
                    continue;
                }

                // A response type the compilation cannot resolve (a package not restored) may be a partial batch response.
                if (Unwrapped(method!.ReturnType, lambda.Types) is { TypeKind: TypeKind.Error })
                {
                    continue;
                }

                var returnsPartialResponse = lambda.Types.IsPartialBatchResponse(method.ReturnType) || IsOwnPartialBatchResponse(method.ReturnType, lambda.Types);
                foreach (var @event in function.Events)
                {
                    if (!@event.IsSqs && !@event.IsStream)
                    {
                        continue;
                    }

                    var message = (returnsPartialResponse, @event.ReportsBatchItemFailures) switch
                    {
                        (true, false) => $"'{method.ToChainName()}' returns a partial batch response, but event '{@event.Name}' of '{function.LogicalId}' does not enable ReportBatchItemFailures: Lambda ignores the response and deletes every message of the batch, the failed ones included",
                        (false, true) => $"Event '{@event.Name}' of '{function.LogicalId}' enables ReportBatchItemFailures, but '{method.ToChainName()}' returns no partial batch response: the failures it should report are never reported",
                        _ => null,
                    };
                    if (message is not null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptor, @event.Location, message));
                    }
                }
            }
        }

        /// <summary>The type a handler answers with: <c>T</c> of <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c>, or the return type itself.</summary>
        private static ITypeSymbol Unwrapped(ITypeSymbol type, WellKnownTypes types)
            => type is INamedTypeSymbol { IsGenericType: true } generic && (generic.OriginalDefinition.Is(types.TaskOfT) || generic.OriginalDefinition.Is(types.ValueTaskOfT))
                ? generic.TypeArguments[0]
                : type;

        /// <summary>
        /// Lambda reads the response's JSON, not its .NET type: a model of the project's own with a
        /// <c>BatchItemFailures</c> property (by name, or serialized under that name) is a partial batch response too.
        /// </summary>
        private static bool IsOwnPartialBatchResponse(ITypeSymbol type, WellKnownTypes types)
        {
            for (var current = Unwrapped(type, types) as INamedTypeSymbol; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property
                        && (string.Equals(property.Name, "BatchItemFailures", System.StringComparison.OrdinalIgnoreCase)
                            || property.GetAttributes().Any(a => a.ConstructorArguments.Any(c => c.Value is string name && string.Equals(name, "batchItemFailures", System.StringComparison.OrdinalIgnoreCase)))
                            || property.GetAttributes().Any(a => a.NamedArguments.Any(n => n.Key == "Name" && n.Value.Value is string name && string.Equals(name, "batchItemFailures", System.StringComparison.OrdinalIgnoreCase)))))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
