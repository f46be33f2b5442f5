using System.IO;
using System.Linq;
using LambdaAnalyzers.Cli.Review;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Cli.Output
{
    /// <summary>One output format of the review.</summary>
    internal interface IReport
    {
        void Write(ReviewResult result, TextWriter output);
    }

    /// <summary>The one-line summary every format starts with.</summary>
    internal static class Summary
    {
        public static string Of(ReviewResult result)
        {
            var findings = result.AllFindings.ToList();
            var handlers = result.Projects.Sum(p => p.Handlers.Count);
            var projects = result.ProjectsReviewed == result.Projects.Count
                ? Count(result.Projects.Count, "project")
                : $"{Count(result.ProjectsReviewed, "project")} ({result.Projects.Count} with handlers or findings)";
            return $"{projects}, {Count(handlers, "handler")}, {Count(findings.Count, "finding")}"
                + $" ({Count(findings.Count(f => f.Severity == DiagnosticSeverity.Error), "error")}, {Count(findings.Count(f => f.Severity == DiagnosticSeverity.Warning), "warning")}, {findings.Count(f => f.Severity == DiagnosticSeverity.Info)} info)";
        }

        private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
    }
}
