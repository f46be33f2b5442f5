using System.IO;
using System.Linq;
using LambdaAnalyzers.Cli.Review;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Cli.Output
{
    /// <summary>The checklist for a terminal: one block per handler, a ✓ or ✗ per concern, each ✗ with file:line and its docs page.</summary>
    internal sealed class TextReport : IReport
    {
        private readonly bool _color;

        public TextReport(bool color) => _color = color;

        public void Write(ReviewResult result, TextWriter output)
        {
            output.WriteLine($"lambda-review {result.Target}: {Summary.Of(result)}");
            foreach (var project in result.Projects)
            {
                output.WriteLine();
                output.WriteLine(Bold($"{project.Name}") + $" ({project.Path})");
                if (project.CompilerErrors > 0)
                {
                    output.WriteLine("  " + Paint("33", $"{project.CompilerErrors} compiler error(s): the review may miss what the broken code hides"));
                }

                if (project.Handlers.Count == 0)
                {
                    output.WriteLine("  no Lambda handlers found");
                }

                foreach (var handler in project.Handlers)
                {
                    output.WriteLine();
                    output.WriteLine("  " + Bold(handler.Name) + "  " + handler.Path + ":" + handler.Line);
                    output.WriteLine("    trigger     " + handler.Trigger);
                    output.WriteLine("    delivery    " + handler.Delivery);
                    output.WriteLine("    on failure  " + handler.OnFailure);
                    if (handler.DeployedAs is not null)
                    {
                        output.WriteLine("    deployed as " + handler.DeployedAs);
                    }

                    foreach (var check in handler.Checks)
                    {
                        var title = Checklist.Title(check.Concern);
                        switch (check.Status)
                        {
                            case CheckStatus.Passed:
                                output.WriteLine("    " + Paint("32", "✓") + " " + title);
                                break;
                            case CheckStatus.NotApplicable:
                                output.WriteLine("    " + Paint("2", "– " + title + " (not applicable: " + check.Note + ")"));
                                break;
                            default:
                                output.WriteLine("    " + Paint("31", "✗") + " " + title);
                                foreach (var finding in check.Findings)
                                {
                                    WriteFinding(output, finding, "        ");
                                }

                                break;
                        }
                    }
                }

                if (project.OtherFindings.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine("  " + Bold("Findings outside any handler"));
                    foreach (var finding in project.OtherFindings)
                    {
                        WriteFinding(output, finding, "    ");
                    }
                }
            }
        }

        private void WriteFinding(TextWriter output, Finding finding, string indent)
        {
            var severity = finding.Severity switch
            {
                DiagnosticSeverity.Error => Paint("31", "error"),
                DiagnosticSeverity.Warning => Paint("33", "warning"),
                _ => Paint("36", "info"),
            };
            output.WriteLine($"{indent}{finding.Position}: {severity} {finding.RuleId}: {finding.Message}");
            output.WriteLine($"{indent}  {Paint("2", finding.HelpUri)}");
        }

        private string Bold(string text) => Paint("1", text);

        private string Paint(string code, string text) => _color ? $"\u001b[{code}m{text}\u001b[0m" : text;
    }
}
