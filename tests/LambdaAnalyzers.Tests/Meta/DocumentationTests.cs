using System.IO;
using System.Linq;
using System.Text;
using System.Composition;
using LambdaAnalyzers.Tests.Samples;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.Tests.Meta
{
    /// <summary>The catalog stays honest: every descriptor has its docs page, README row, release entry and help link.</summary>
    public class DocumentationTests
    {
        private const string TableBegin = "<!-- rules:begin";
        private const string TableEnd = "<!-- rules:end -->";

        public static TheoryData<string> RuleIds()
        {
            var data = new TheoryData<string>();
            foreach (var descriptor in Catalog.Descriptors)
            {
                data.Add(descriptor.Id);
            }

            return data;
        }

        [Fact]
        public void EveryRuleIdConstant_HasExactlyOneAnalyzer()
        {
            var owners = Catalog.Analyzers.SelectMany(a => a.SupportedDiagnostics.Select(d => (d.Id, Analyzer: a.GetType().Name))).Distinct().ToList();
            Assert.Equal(Catalog.RuleIdConstants.OrderBy(i => i), owners.Select(o => o.Id).OrderBy(i => i));
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Descriptor_HasHelpLinkToItsDocsPage_WhoseTitleAndSeverityMatch(string id)
        {
            var descriptor = Catalog.Descriptors.Single(d => d.Id == id);
            Assert.Equal($"https://github.com/lambda-analyzers/lambda-analyzers/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);

            var page = Path.Combine(DotNetCli.RepositoryRoot, "docs", "rules", id + ".md");
            Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {id}: {descriptor.Title}\n", text.Replace("\r\n", "\n"));
            Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text);
            Assert.Contains($"| Category | {descriptor.Category} |", text);
            foreach (var section in new[] { "## Why", "## Noncompliant", "## Compliant", "## Options", "## When to suppress" })
            {
                Assert.Contains(section, text);
            }

            Assert.Contains(Catalog.HasFix(id) ? "| Code fix | " : "| Code fix | none |", text);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Descriptor_IsInReleaseTracking(string id)
        {
            var descriptor = Catalog.Descriptors.Single(d => d.Id == id);
            var tracking = Path.Combine(DotNetCli.RepositoryRoot, "src", "LambdaAnalyzers");
            var lines = File.ReadAllLines(Path.Combine(tracking, "AnalyzerReleases.Shipped.md"))
                .Concat(File.ReadAllLines(Path.Combine(tracking, "AnalyzerReleases.Unshipped.md")));
            Assert.Contains(lines, l => l.StartsWith($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", StringComparison.Ordinal));
        }

        [Fact]
        public void ReadmeRuleTable_IsGeneratedFromTheDescriptors()
        {
            var readmePath = Path.Combine(DotNetCli.RepositoryRoot, "README.md");
            var readme = File.ReadAllText(readmePath).Replace("\r\n", "\n");
            var begin = readme.IndexOf(TableBegin, StringComparison.Ordinal);
            var end = readme.IndexOf(TableEnd, StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, "README.md lacks the rules:begin / rules:end markers");

            var beginLineEnd = readme.IndexOf('\n', begin) + 1;
            var expected = GenerateTable();
            var actual = readme.Substring(beginLineEnd, end - beginLineEnd);
            if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
            {
                File.WriteAllText(readmePath, readme.Substring(0, beginLineEnd) + expected + readme.Substring(end));
                return;
            }

            Assert.Equal(expected, actual);
        }

        [Fact]
        public void EveryCodeFix_IsExportedAndShared_AndFixesKnownRules()
        {
            Assert.NotEmpty(Catalog.CodeFixTypes);
            foreach (var type in Catalog.CodeFixTypes)
            {
                Assert.True(type.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length == 1, type.Name + " lacks [ExportCodeFixProvider]");
                Assert.True(type.GetCustomAttributes(typeof(SharedAttribute), false).Length == 1, type.Name + " lacks [Shared]");
            }

            var known = Catalog.Descriptors.Select(d => d.Id).ToHashSet();
            Assert.All(Catalog.CodeFixes.SelectMany(f => f.FixableDiagnosticIds), id => Assert.Contains(id, known));
        }

        private static string GenerateTable()
        {
            var table = new StringBuilder();
            table.Append("| ID | Title | Severity | Code fix |\n");
            table.Append("|---|---|---|---|\n");
            foreach (var descriptor in Catalog.Descriptors)
            {
                var fix = Catalog.HasFixAll(descriptor.Id) ? "yes, Fix All" : Catalog.HasFix(descriptor.Id) ? "yes" : "none";
                table.Append($"| [{descriptor.Id}](docs/rules/{descriptor.Id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} | {fix} |\n");
            }

            return table.ToString();
        }
    }
}
