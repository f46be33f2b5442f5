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
        /// Whether the rule reads Serverless Framework files: they are read to find handlers and their triggers,
        /// not to check the configuration around them (their resources, queues and destinations are written
        /// another way than a template's), so only the handler string is checked there.
        /// </summary>
        private protected virtual bool ChecksServerlessFramework => false;

        private protected abstract void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda);
    }
}
