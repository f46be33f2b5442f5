using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using LambdaAnalyzers.Cli.Review;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Cli.Output
{
    /// <summary>
    /// SARIF 2.1.0 for code-scanning tools: one run, the rule catalog in the driver, one result per finding
    /// with its location relative to <c>%SRCROOT%</c> (the reviewed folder), so uploads line up with the repository.
    /// </summary>
    internal sealed class SarifReport : IReport
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        private readonly string _sourceRoot;

        public SarifReport(string sourceRoot) => _sourceRoot = sourceRoot;

        public void Write(ReviewResult result, TextWriter output)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("$schema", SchemaUri);
                json.WriteString("version", "2.1.0");
                json.WriteStartArray("runs");
                json.WriteStartObject();

                json.WriteStartObject("tool");
                json.WriteStartObject("driver");
                json.WriteString("name", "LambdaAnalyzers");
                json.WriteString("semanticVersion", typeof(LambdaAnalyzer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
                json.WriteString("informationUri", RepositoryInfo.Url);
                json.WriteStartArray("rules");
                foreach (var rule in result.Rules)
                {
                    json.WriteStartObject();
                    json.WriteString("id", rule.Id);
                    json.WriteString("name", rule.Id);
                    json.WriteStartObject("shortDescription");
                    json.WriteString("text", rule.Title);
                    json.WriteEndObject();
                    json.WriteStartObject("fullDescription");
                    json.WriteString("text", rule.Description.Length > 0 ? rule.Description : rule.Title);
                    json.WriteEndObject();
                    json.WriteString("helpUri", rule.HelpUri);
                    json.WriteStartObject("defaultConfiguration");
                    json.WriteString("level", Level(rule.DefaultSeverity));
                    json.WriteEndObject();
                    json.WriteStartObject("properties");
                    json.WriteString("category", rule.Category);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();

                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject("SRCROOT");
                json.WriteString("uri", new Uri(_sourceRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri);
                json.WriteEndObject();
                json.WriteEndObject();

                var ruleIndex = result.Rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
                json.WriteStartArray("results");
                foreach (var finding in result.AllFindings)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", finding.RuleId);
                    if (ruleIndex.TryGetValue(finding.RuleId, out var index))
                    {
                        json.WriteNumber("ruleIndex", index);
                    }

                    json.WriteString("level", Level(finding.Severity));
                    json.WriteStartObject("message");
                    json.WriteString("text", finding.Message);
                    json.WriteEndObject();
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    json.WriteStartObject("artifactLocation");
                    if (Path.IsPathRooted(finding.Path))
                    {
                        json.WriteString("uri", new Uri(finding.Path).AbsoluteUri);
                    }
                    else
                    {
                        json.WriteString("uri", string.Join("/", finding.Path.Split('/').Select(Uri.EscapeDataString)));
                        json.WriteString("uriBaseId", "SRCROOT");
                    }

                    json.WriteEndObject();
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", finding.Line);
                    json.WriteNumber("startColumn", finding.Column);
                    json.WriteNumber("endLine", finding.EndLine);
                    json.WriteNumber("endColumn", finding.EndColumn);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }

        private static string Level(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
    }
}
