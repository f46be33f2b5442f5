using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM404: an asynchronously triggered function with neither an on-failure destination nor a dead-letter queue.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncFailuresDroppedAnalyzer : DeploymentFileAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.AsyncFailuresDropped,
            title: "Asynchronous failures have nowhere to go",
            messageFormat: "'{0}' is invoked asynchronously ({1}) and has neither an on-failure destination nor a dead-letter queue: an event that still fails after the retries (3 attempts by default) is dropped without a trace; add EventInvokeConfig.DestinationConfig.OnFailure or a DeadLetterQueue",
            RuleCategories.Deployment,
            DiagnosticSeverity.Warning,
            description: "Asynchronous invocations (S3, SNS, EventBridge, schedules) are retried twice by default; after that, or after the maximum event age, the event goes to the on-failure destination or the function's dead-letter queue, or is discarded.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        /// <summary>A serverless.yml says where failed events go the same plain way: <c>onError</c> or <c>destinations.onFailure</c>.</summary>
        private protected override bool ChecksServerlessFramework => true;

        private protected override void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda)
        {
            foreach (var function in file.Functions)
            {
                var asyncEvents = function.Events.Where(e => e.IsAsynchronous).Select(e => e.Type).Distinct().ToList();
                if (asyncEvents.Count == 0 || function.HasDeadLetterQueue || file.HasOnFailureDestination(function))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(Descriptor, function.Location, function.LogicalId, string.Join(", ", asyncEvents)));
            }
        }
    }
}
