using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Deployment
{
    /// <summary>The shape of the deployment rules: each readable deployment file, once, with diagnostics reported in it.</summary>
    public abstract class DeploymentFileAnalyzer : LambdaAnalyzer
    {
        private protected sealed override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            if (lambda.DeploymentFiles.IsEmpty)
            {
                return;
            }

            context.RegisterAdditionalFileAction(c =>
            {
                if (lambda.DeploymentFileFor(c.AdditionalFile) is { Error: null } file
                    && (file.Kind != DeploymentFileKind.ServerlessFramework || ChecksServerlessFramework))
                {
                    Analyze(c, file, lambda);
                }
            });
        }

        /// <summary>
        /// Whether the rule reads Serverless Framework files: they are read to find handlers and their triggers;
        /// the configuration around them is written another way than a template's (queues among extra resources,
        /// variables for values), so only the rules that read what a serverless.yml states plainly on the
        /// function check it: the handler string, failure destinations, batch item failure reporting.
        /// </summary>
        private protected virtual bool ChecksServerlessFramework => false;

        private protected abstract void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda);
    }
}
