using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM005: a secret or parameter fetched (or decrypted with KMS) on every invocation, with no cache.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SecretFetchedPerInvocationAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.SecretFetchedPerInvocation,
            title: "Secret or parameter fetched on every invocation",
            messageFormat: "'{0}' runs on every invocation of '{1}'{2}: each call adds latency and cost and counts against the service's request quota, so traffic bursts get throttled; fetch it once per execution environment and cache it (a static Lazy, or the Parameters and Secrets Lambda Extension with its TTL)",
            RuleCategories.Reuse,
            DiagnosticSeverity.Warning,
            description: "Secrets Manager, Parameter Store and KMS calls take tens of milliseconds, are billed per call, and have request quotas shared by the account. Fetched per invocation, a burst of traffic multiplies them. Fetch once per execution environment, and refresh on a TTL when rotation matters.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!SecretSources.IsSecretFetch(invocation, lambda.Types)
                || IsCached(invocation, lambda)
                || lambda.Path.Find(invocation, context.ContainingSymbol) is not { } path)
            {
                return;
            }

            var what = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), what, path.Handler.Name, path.ViaText));
        }

        /// <summary>
        /// Inside a cache's factory (<c>GetOrCreate*</c>, <c>GetOrAdd*</c>), or under a condition on environment-lifetime
        /// state (<c>if (s_secret is null || DateTime.UtcNow &gt; s_expires)</c>): fetched once, or on a TTL.
        /// </summary>
        private static bool IsCached(IInvocationOperation fetch, LambdaCompilation lambda)
            => fetch.Ancestors().Any(ancestor => ancestor switch
            {
                IInvocationOperation { TargetMethod.Name: var name } when name.StartsWith("GetOrCreate", System.StringComparison.Ordinal) || name.StartsWith("GetOrAdd", System.StringComparison.Ordinal) => true,
                IConditionalOperation conditional => conditional.Condition.DescendantsAndSelf().Any(o => o.ReferencedMember() is not null && lambda.InitOnce.IsEnvironmentLifetimeMember(o)),
                _ => false,
            });
    }
}
