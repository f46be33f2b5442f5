using System.IO;
using System.Text;
using System.Text.Json;
using LambdaAnalyzers.Cli.Review;

namespace LambdaAnalyzers.Cli.Output
{
    /// <summary>The review as data, for scripts and dashboards: the same content as the text report, field for field.</summary>
    internal sealed class JsonReport : IReport
    {
        public void Write(ReviewResult result, TextWriter output)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("target", result.Target);
                json.WriteStartArray("projects");
                foreach (var project in result.Projects)
                {
                    json.WriteStartObject();
                    json.WriteString("name", project.Name);
                    json.WriteString("path", project.Path);
                    json.WriteNumber("compilerErrors", project.CompilerErrors);
                    json.WriteStartArray("handlers");
                    foreach (var handler in project.Handlers)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", handler.Name);
                        json.WriteString("path", handler.Path);
                        json.WriteNumber("line", handler.Line);
                        json.WriteString("trigger", handler.Trigger);
                        json.WriteString("delivery", handler.Delivery);
                        json.WriteString("onFailure", handler.OnFailure);
                        if (handler.DeployedAs is not null)
                        {
                            json.WriteString("deployedAs", handler.DeployedAs);
                        }

                        json.WriteStartArray("checks");
                        foreach (var check in handler.Checks)
                        {
                            json.WriteStartObject();
                            json.WriteString("concern", Checklist.Title(check.Concern));
                            json.WriteString("status", check.Status switch { CheckStatus.Passed => "passed", CheckStatus.Failed => "failed", _ => "notApplicable" });
                            WriteFindings(json, "findings", check.Findings);
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    WriteFindings(json, "otherFindings", project.OtherFindings);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }

        private static void WriteFindings(Utf8JsonWriter json, string name, System.Collections.Generic.IEnumerable<Finding> findings)
        {
            json.WriteStartArray(name);
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", finding.RuleId);
                json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
                json.WriteString("message", finding.Message);
                json.WriteString("path", finding.Path);
                json.WriteNumber("line", finding.Line);
                json.WriteNumber("column", finding.Column);
                json.WriteString("helpUri", finding.HelpUri);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }
}
