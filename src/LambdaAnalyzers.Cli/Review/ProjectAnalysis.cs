using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Cli.Review
{
    /// <summary>
    /// Runs the package's analyzers on a project the way the build does: with the project's AdditionalFiles
    /// (deployment files) and .editorconfig / global config, so severities and options match what CI sees.
    /// The analyzers the project itself references are not run again.
    /// </summary>
    internal static class ProjectAnalysis
    {
        public static async Task<(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics)> RunAsync(Project project, Action<string> warn, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{project.Name} is not a C# project");
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) => warn($"{analyzer.GetType().Name} failed: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(LambdaRules.Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return (compilation, diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden && !d.IsSuppressed).ToImmutableArray());
        }
    }
}
