using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers
{
    /// <summary>
    /// The base of every rule: concurrent, blind to generated code, and registering nothing at all in a
    /// compilation that cannot contain a Lambda handler.
    /// </summary>
    public abstract class LambdaAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var lambda = LambdaCompilation.For(start.Compilation, start.Options);
                if (lambda.Types.ReferencesLambda)
                {
                    OnLambdaCompilationStart(start, lambda);
                }
                else if (LooksAtDeployedProjects && lambda.HasDeployedHandler)
                {
                    OnLambdaCompilationStart(start, lambda);
                }
            });
        }

        /// <summary>
        /// True for a rule that also looks at a project with no Lambda package reference when a deployment file
        /// names one of its methods (a handler taking and returning streams needs no package).
        /// </summary>
        private protected virtual bool LooksAtDeployedProjects => false;

        private protected abstract void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda);
    }
}
