using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM001: an AWS SDK client built on every invocation pays for credential resolution, endpoint set-up and a TLS handshake each time.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AwsClientPerInvocationAnalyzer : PerInvocationCreationAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = LambdaAnalyzers.Rule.Create(
            RuleIds.AwsClientPerInvocation,
            title: "AWS SDK client created per invocation",
            messageFormat: "'{0}' is created on every invocation of '{1}'{2}; {3}",
            RuleCategories.Reuse,
            DiagnosticSeverity.Warning,
            description: "An AWS SDK client (any IAmazonService, DynamoDBContext, TransferUtility) created inside the handler's per-invocation path is rebuilt on every invocation: credentials are resolved again, connections are not reused, and warm invocations pay cold-start costs. Create it once per execution environment, in a static readonly field.");

        public AwsClientPerInvocationAnalyzer()
            : base(Descriptor)
        {
        }

        private protected override string Remedy(ReuseCandidate candidate)
            => "store it in a static readonly field so warm invocations reuse its credentials and connections";

        private protected override string KeyedRemedy(ReuseCandidate candidate)
            => "its endpoint or region comes from the event but is the same on most invocations; keep one client per endpoint in a static ConcurrentDictionary so warm invocations reuse its credentials and connections";
    }
}
