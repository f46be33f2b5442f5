using System.Collections.Immutable;
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
                if (lambda.Types.ResultOf(method!.ReturnType) is { TypeKind: TypeKind.Error })
                {
                    continue;
                }

                var returnsPartialResponse = lambda.Types.IsPartialBatchResponse(method.ReturnType);
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
    }
}
