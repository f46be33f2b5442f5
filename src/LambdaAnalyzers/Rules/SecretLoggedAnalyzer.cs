using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM103: a secret value, or text built from it, written to the logs.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SecretLoggedAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.SecretLogged,
            title: "Secret value written to logs",
            messageFormat: "'{0}' writes a secret value to the logs: CloudWatch Logs keeps it in plaintext, for the log group's retention, for anyone who can read the group; log its name, its length or a hash instead",
            RuleCategories.Secrets,
            DiagnosticSeverity.Warning,
            description: "Everything a Lambda function writes to its logger or to the console goes to CloudWatch Logs. A secret written there (the value of a secret-named variable, SecretString, a parameter's Value, or text built from them) leaks to every reader of the log group and to every log export.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            var flow = new SecretFlow(lambda, context.Options);
            context.RegisterOperationAction(c => Analyze(c, lambda, flow), OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda, SecretFlow flow)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!LogSinks.IsLogSink(invocation, lambda.Types))
            {
                return;
            }

            if (invocation.Arguments.Any(a => flow.CarriesSecret(a.Value, context.CancellationToken)))
            {
                var sink = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), sink));
            }
        }
    }
}
