using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Cli.Review
{
    /// <summary>One diagnostic as the review shows it: where, what, and the page that explains it.</summary>
    internal sealed record Finding(
        string RuleId,
        string Title,
        DiagnosticSeverity Severity,
        string Message,
        string Path,
        int Line,
        int Column,
        int EndLine,
        int EndColumn,
        string HelpUri)
    {
        public string Position => $"{Path}:{Line}";
    }

    internal enum CheckStatus
    {
        Passed,
        Failed,
        NotApplicable,
    }

    /// <summary>One line of the review checklist for a handler.</summary>
    internal sealed record Check(Concern Concern, CheckStatus Status, IReadOnlyList<Finding> Findings, string? Note = null);

    /// <summary>A handler with its delivery semantics, its failure route and the checklist.</summary>
    internal sealed record HandlerReview(
        string Name,
        string Path,
        int Line,
        string Trigger,
        string Delivery,
        string OnFailure,
        string? DeployedAs,
        IReadOnlyList<Check> Checks)
    {
        public IEnumerable<Finding> Findings => Checks.SelectMany(c => c.Findings);
    }

    /// <summary>A project's handlers and findings; <see cref="CompilerErrors"/> warns that broken code may hide some.</summary>
    internal sealed record ProjectReview(
        string Name,
        string Path,
        IReadOnlyList<HandlerReview> Handlers,
        IReadOnlyList<Finding> OtherFindings,
        int CompilerErrors = 0)
    {
        /// <summary>Every finding once: a finding on a path shared by several handlers shows under each of them.</summary>
        public IEnumerable<Finding> AllFindings => Handlers.SelectMany(h => h.Findings).Concat(OtherFindings).Distinct();
    }

    /// <summary>The review of every project loaded; <see cref="Projects"/> lists those with handlers or findings.</summary>
    internal sealed record ReviewResult(string Target, int ProjectsReviewed, IReadOnlyList<ProjectReview> Projects, IReadOnlyList<RuleInfo> Rules)
    {
        public IEnumerable<Finding> AllFindings => Projects.SelectMany(p => p.AllFindings);
    }

    /// <summary>What the SARIF driver and the reports say about a rule.</summary>
    internal sealed record RuleInfo(string Id, string Title, string Description, string Category, DiagnosticSeverity DefaultSeverity, string HelpUri);
}
