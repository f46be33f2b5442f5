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
                if (lambda.DeploymentFileFor(c.AdditionalFile) is { Error: null } file)
                {
                    Analyze(c, file, lambda);
                }
            });
        }

        private protected abstract void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda);
    }
}
