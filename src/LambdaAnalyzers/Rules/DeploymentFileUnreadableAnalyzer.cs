using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM400: a deployment file that cannot be read; one clear diagnostic at the line, and the other rules go on without it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DeploymentFileUnreadableAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.DeploymentFileUnreadable,
            title: "Deployment file could not be read",
            messageFormat: "Could not read deployment file '{0}': {1}; the Lambda rules that need it skip it",
            RuleCategories.Deployment,
            DiagnosticSeverity.Warning,
            description: "LambdaAnalyzers reads aws-lambda-tools-defaults.json, template.yaml, template.yml, serverless.template and the Serverless Framework's serverless.yml / serverless.yaml from AdditionalFiles to find handlers by name and check the deployment against the code. A file it cannot parse is reported once, where the parser stopped, with the parser's reason; every rule that reads the file skips it, so the build shows it as a warning.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterAdditionalFileAction(c =>
            {
                var file = lambda.DeploymentFileFor(c.AdditionalFile);
                if (file?.Error is { } error)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, file.ErrorLocation, Path.GetFileName(file.File.Path), error));
                }
            });
        }
    }
}
