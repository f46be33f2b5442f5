using System.IO;
using LambdaAnalyzers.Cli.Review;

namespace LambdaAnalyzers.Cli.Output
{
    /// <summary>The checklist as GitHub-flavoured Markdown, ready to paste into a pull request: a task list per handler.</summary>
    internal sealed class MarkdownReport : IReport
    {
        public void Write(ReviewResult result, TextWriter output)
        {
            output.WriteLine($"## Lambda review: `{result.Target}`");
            output.WriteLine();
            output.WriteLine(Summary.Of(result) + ".");
            foreach (var project in result.Projects)
            {
                output.WriteLine();
                output.WriteLine($"### {Escape(project.Name)}");
                if (project.CompilerErrors > 0)
                {
                    output.WriteLine();
                    output.WriteLine($"> **{project.CompilerErrors} compiler error(s)**: the review may miss what the broken code hides.");
                }

                foreach (var handler in project.Handlers)
                {
                    output.WriteLine();
                    output.WriteLine($"#### `{handler.Name}` ({Code(handler.Path + ":" + handler.Line)})");
                    output.WriteLine();
                    output.WriteLine("| | |");
                    output.WriteLine("|---|---|");
                    output.WriteLine($"| Trigger | {Cell(handler.Trigger)} |");
                    output.WriteLine($"| Delivery | {Cell(handler.Delivery)} |");
                    output.WriteLine($"| On failure | {Cell(handler.OnFailure)} |");
                    if (handler.DeployedAs is not null)
                    {
                        output.WriteLine($"| Deployed as | {Cell(handler.DeployedAs)} |");
                    }

                    output.WriteLine();
                    foreach (var check in handler.Checks)
                    {
                        var title = Checklist.Title(check.Concern);
                        switch (check.Status)
                        {
                            case CheckStatus.Passed:
                                output.WriteLine($"- [x] {title}");
                                break;
                            case CheckStatus.NotApplicable:
                                output.WriteLine($"- [x] ~~{title}~~ (not applicable: {Escape(check.Note ?? string.Empty)})");
                                break;
                            default:
                                output.WriteLine($"- [ ] **{title}**");
                                foreach (var finding in check.Findings)
                                {
                                    output.WriteLine($"  - {Line(finding)}");
                                }

                                break;
                        }
                    }
                }

                if (project.OtherFindings.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine("#### Findings outside any handler");
                    output.WriteLine();
                    foreach (var finding in project.OtherFindings)
                    {
                        output.WriteLine($"- {Line(finding)}");
                    }
                }
            }
        }

        private static string Line(Finding finding)
            => $"{Code(finding.Position)} [{finding.RuleId}]({finding.HelpUri}) ({finding.Severity.ToString().ToLowerInvariant()}): {Escape(finding.Message)}";

        private static string Code(string text) => "`" + text.Replace("`", "'") + "`";

        private static string Cell(string text) => Escape(text).Replace("|", "\\|");

        /// <summary>Messages quote code ('OrderHandler.Handle', &lt;T&gt;); keep Markdown from reading it as markup.</summary>
        private static string Escape(string text) => text.Replace("<", "&lt;").Replace(">", "&gt;").Replace("*", "\\*").Replace("_", "\\_");
    }
}
