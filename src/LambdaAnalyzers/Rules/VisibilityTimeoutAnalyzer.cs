using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM406: an SQS queue's visibility timeout under six times the timeout of the function it triggers.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VisibilityTimeoutAnalyzer : DeploymentFileAnalyzer
    {
        private const int DefaultVisibilityTimeout = 30;

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.VisibilityTimeoutTooShort,
            title: "SQS visibility timeout shorter than six times the function timeout",
            messageFormat: "Queue '{0}' has a visibility timeout of {1} s, under six times the {2} s timeout of '{3}' ({4} s): a message still being processed, or being retried through throttling, becomes visible again and is delivered a second time",
            RuleCategories.Deployment,
            DiagnosticSeverity.Warning,
            description: "A message received by Lambda's pollers stays invisible for the queue's visibility timeout (default 30 s). AWS recommends at least six times the function timeout, so that a slow invocation, retries and throttling backoff finish before the message reappears.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda)
        {
            foreach (var function in file.Functions)
            {
                foreach (var @event in function.Events.Where(e => e.IsSqs))
                {
                    if (file.QueueOf(@event) is not { } queue)
                    {
                        continue;
                    }

                    var queueId = queue.Key.Value;
                    var property = DeploymentFile.PropertyOf(queue.Body, "VisibilityTimeout");
                    int visibility;
                    if (property is null)
                    {
                        visibility = DefaultVisibilityTimeout;
                    }
                    else if (property is not YamlScalarNode { Value: { } text } || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out visibility))
                    {
                        continue; // a !Ref to a parameter: unknown here
                    }

                    var timeout = function.TimeoutSeconds;
                    if (visibility < 6 * timeout)
                    {
                        var location = property is null ? file.LocationOf(queue.Key) : file.LocationOf(property);
                        context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, queueId, visibility, timeout, function.LogicalId, 6 * timeout));
                    }
                }
            }
        }
    }
}
