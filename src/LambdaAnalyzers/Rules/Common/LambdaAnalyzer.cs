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
            context.ConfigureGeneratedCodeAnalysis(ReportsAtTheOperation ? GeneratedCodeAnalysisFlags.ReportDiagnostics : GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var lambda = LambdaCompilation.For(start.Compilation, start.Options);
                if (lambda.Types.ReferencesLambda)
                {
                    lambda.ReadSyntaxAhead();
                    OnLambdaCompilationStart(start, lambda);
                }
                else if (LooksAtDeployedProjects && lambda.HasDeployedHandler)
                {
                    OnLambdaCompilationStart(start, lambda);
                }
            });
        }

        /// <summary>
        /// True for a rule that reports only from operation actions, at the operation it was called for. The
        /// driver checks every reported diagnostic for generated or hidden code, holding a lock that every
        /// analysis thread takes (with the check off, the least our rules log at 500 handlers fell by about a
        /// fifth, and by half for the rule reporting most), and a thread that finds the lock held by a thread
        /// that is not running waits out a scheduler slice. For
        /// such a rule the check can find nothing: the driver does not call it on generated code, nor on an
        /// operation in <c>#line hidden</c> code (Analyze stays off), so what it reports at that operation is in
        /// neither. It turns the check off (ReportDiagnostics). A rule reporting elsewhere (a handler's name, a
        /// deployment file) keeps it.
        /// </summary>
        internal virtual bool ReportsAtTheOperation => false;

        /// <summary>
        /// True for a rule that also looks at a project with no Lambda package reference when a deployment file
        /// names one of its methods (a handler taking and returning streams needs no package).
        /// </summary>
        private protected virtual bool LooksAtDeployedProjects => false;

        private protected abstract void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda);
    }
}
