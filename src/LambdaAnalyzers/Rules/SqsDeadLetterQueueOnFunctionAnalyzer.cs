using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM403: an SQS-triggered function whose dead-letter queue is set on the function, where it does nothing for SQS.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SqsDeadLetterQueueOnFunctionAnalyzer : DeploymentFileAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.SqsDeadLetterQueueOnFunction,
            title: "Dead-letter queue on an SQS-triggered function",
            messageFormat: "'{0}' is triggered by queue '{1}', which has no redrive policy; the DeadLetterQueue set on the function only serves asynchronous invocations, so a failing message returns until its retention ends and is then lost; set a RedrivePolicy with a deadLetterTargetArn on the queue",
            RuleCategories.Deployment,
            DiagnosticSeverity.Warning,
            description: "For SQS event sources, failed messages go back to the queue and move to a dead-letter queue only through the source queue's redrive policy. A DLQ configured on the function is used for asynchronous invocations only.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda)
        {
            foreach (var function in file.Functions)
            {
                if (function.PropertyKey("DeadLetterQueue") is not { } deadLetterQueue)
                {
                    continue;
                }

                foreach (var @event in function.Events.Where(e => e.IsSqs))
                {
                    if (file.QueueOf(@event) is { } queue && DeploymentFile.PropertyOf(queue.Body, "RedrivePolicy") is null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptor, file.LocationOf(deadLetterQueue), function.LogicalId, queue.Key.Value));
                    }
                }
            }
        }
    }
}
