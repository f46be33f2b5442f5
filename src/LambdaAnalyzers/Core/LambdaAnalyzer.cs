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
            });
        }

        private protected abstract void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda);
    }
}
