using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM002: an HttpClient or handler per invocation opens new sockets and TLS sessions each time and can exhaust ports.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HttpClientPerInvocationAnalyzer : PerInvocationCreationAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = LambdaAnalyzers.Rule.Create(
            RuleIds.HttpClientPerInvocation,
            title: "HttpClient created per invocation",
            messageFormat: "'{0}' is created on every invocation of '{1}'{2}; {3}",
            RuleCategories.Reuse,
            DiagnosticSeverity.Warning,
            description: "An HttpClient or HttpMessageHandler created on the per-invocation path opens new connections (DNS, TCP, TLS) on every invocation and leaves sockets in TIME_WAIT. Create it once per execution environment, in a static readonly field.");

        public HttpClientPerInvocationAnalyzer()
            : base(Descriptor)
        {
        }

        private protected override string Remedy(ReuseCandidate candidate)
            => "store it in a static readonly field so warm invocations reuse its open connections";

        private protected override string KeyedRemedy(ReuseCandidate candidate)
            => "its base URL comes from the event; keep one client per host in a static field (the per-request path goes in each request) or one per base URL in a static ConcurrentDictionary, so warm invocations reuse its open connections";
    }
}
