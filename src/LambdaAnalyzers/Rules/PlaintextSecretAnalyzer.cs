using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM101: a secret read from a plaintext environment variable or configuration key.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PlaintextSecretAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.PlaintextSecret,
            title: "Secret read from a plaintext environment variable",
            messageFormat: "'{0}' is read from a plaintext environment variable or setting: anyone allowed lambda:GetFunctionConfiguration can read it, it sits in deployment templates, and rotating it needs a redeploy; keep the parameter name or secret ARN there and read the value from Parameter Store (SecureString) or Secrets Manager through a client created once",
            RuleCategories.Secrets,
            DiagnosticSeverity.Warning,
            description: "Lambda environment variables are shown in plaintext to anyone who can read the function's configuration, and appear in templates and CI logs. Secrets belong in Secrets Manager or Parameter Store SecureString, fetched at runtime and cached (the Parameters and Secrets Lambda Extension does both).");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override bool LooksAtDeployedProjects => true;

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            var scope = TestProjects.For(context.Compilation, context.Options);
            context.RegisterOperationAction(
                c =>
                {
                    // Most invocations are no look-up at all: the file's name lists are read only for those that are.
                    if (SecretSources.LookedUpKey(c.Operation, lambda.Types) is not null
                        && scope.Includes(c.Operation.Syntax.SyntaxTree)
                        && SecretSources.PlaintextSecretRead(c.Operation, lambda, SecretNames.For(c.Options, c.Operation.Syntax.SyntaxTree), c.CancellationToken) is { } key)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), key));
                    }
                },
                OperationKind.Invocation,
                OperationKind.PropertyReference);
        }
    }
}
