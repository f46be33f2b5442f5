using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Cli.Review;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.Cli.Fixing
{
    /// <summary>What <c>--fix</c> did: one line per code action applied, and the changed solution.</summary>
    internal sealed record FixOutcome(Solution Solution, IReadOnlyList<string> Applied);

    /// <summary>
    /// Applies every available code fix the way an IDE's "Fix all in project" does: per rule, the first fix
    /// offered for its first diagnostic, through the fixer's Fix All provider. The project is analyzed again
    /// after each Fix All, since one fix moves the code others point at (making a handler async changes the
    /// lines LAM302 reported); a diagnostic whose fixer declines is not asked again.
    /// </summary>
    internal static class FixApplier
    {
        private const int MaxRounds = 50;

        public static async Task<FixOutcome> ApplyAsync(Solution solution, IReadOnlyList<ProjectId> projects, Action<string> progress, Action<string> warn, CancellationToken cancellationToken)
        {
            var applied = new List<string>();
            var declined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var projectId in projects)
            {
                for (var round = 0; round < MaxRounds; round++)
                {
                    var project = solution.GetProject(projectId)!;
                    progress($"Fixing {project.Name} (pass {round + 1})");
                    var (_, diagnostics) = await ProjectAnalysis.RunAsync(project, warn, cancellationToken).ConfigureAwait(false);
                    var next = await FixOneRuleAsync(project, diagnostics, declined, applied, cancellationToken).ConfigureAwait(false);
                    if (next is null)
                    {
                        break;
                    }

                    solution = next;
                }
            }

            return new FixOutcome(solution, applied);
        }

        private static async Task<Solution?> FixOneRuleAsync(Project project, ImmutableArray<Diagnostic> diagnostics, HashSet<string> declined, List<string> applied, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource))
            {
                var key = Key(diagnostic);
                if (declined.Contains(key) || project.GetDocument(diagnostic.Location.SourceTree) is not { } document)
                {
                    continue;
                }

                foreach (var fixer in LambdaRules.FixersFor(diagnostic.Id))
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
                    if (actions.Count == 0)
                    {
                        continue;
                    }

                    var primary = actions[0];
                    var sameRule = diagnostics.Where(d => d.Id == diagnostic.Id).ToImmutableArray();
                    var toApply = primary;
                    if (sameRule.Length > 1 && fixer.GetFixAllProvider() is { } fixAll && fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Project))
                    {
                        var context = new FixAllContext(document, fixer, FixAllScope.Project, primary.EquivalenceKey, new[] { diagnostic.Id }, new KnownDiagnostics(sameRule), cancellationToken);
                        toApply = await fixAll.GetFixAsync(context).ConfigureAwait(false) ?? primary;
                    }

                    var operations = await toApply.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                    var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
                    if (changed is not null && changed.GetChanges(project.Solution).GetProjectChanges().Any())
                    {
                        var count = toApply == primary ? 1 : sameRule.Length;
                        applied.Add($"{diagnostic.Id} ×{count}: {primary.Title}");
                        declined.Add(key); // a fix that leaves its own diagnostic behind is not tried twice
                        return changed;
                    }
                }

                declined.Add(key);
            }

            return null;
        }

        private static string Key(Diagnostic diagnostic)
            => diagnostic.Id + "|" + diagnostic.Location.SourceTree?.FilePath + "|" + diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan);

        /// <summary>The diagnostics just computed, handed to a Fix All provider instead of analyzing again.</summary>
        private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return _diagnostics.Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
        }
    }
}
