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

        /// <summary>RepositoryUrl in Directory.Build.props: the package metadata, help links and packed READMEs derive from it.</summary>
        public static string RepositoryUrl
            => System.Xml.Linq.XDocument.Load(Path.Combine(DotNetCli.RepositoryRoot, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

        [Fact]
        public void RepositoryUrl_IsWrittenOnce_InDirectoryBuildProps()
        {
            var source = Path.Combine(DotNetCli.RepositoryRoot, "src");
            var holders = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                            && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith("proj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal)))
                .Where(f => File.ReadAllText(f).Contains(RepositoryUrl, StringComparison.OrdinalIgnoreCase))
                .Select(f => Path.GetRelativePath(DotNetCli.RepositoryRoot, f))
                .ToList();

            Assert.Empty(holders);
            Assert.StartsWith(RepositoryUrl + "/", Catalog.Descriptors[0].HelpLinkUri, StringComparison.Ordinal);
        }

        /// <summary>
        /// The docs explain the Lambda behaviour in the repository's own page (docs/lambda-semantics.md), and
        /// every relative link in them leads to a file or folder of the repository.
        /// </summary>
        [Fact]
        public void Docs_ReferOnlyToFilesInTheRepository()
        {
            var docs = Directory.EnumerateFiles(Path.Combine(DotNetCli.RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories)
                .Append(Path.Combine(DotNetCli.RepositoryRoot, "src", "LambdaAnalyzers.Cli", "README.md"))
                .ToList();
            Assert.Contains(docs, d => d.EndsWith("lambda-semantics.md", StringComparison.Ordinal));
            foreach (var doc in docs)
            {
                var text = File.ReadAllText(doc);
                Assert.DoesNotContain("RULES.md", text, StringComparison.Ordinal);
                Assert.DoesNotContain("LAMBDA-SEMANTICS", text, StringComparison.Ordinal);
                foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(text, @"\]\((?!https?:|#|mailto:)([^)#\s]+)"))
                {
                    var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, link.Groups[1].Value));
                    Assert.True(File.Exists(target) || Directory.Exists(target), $"{Path.GetRelativePath(DotNetCli.RepositoryRoot, doc)} links to {link.Groups[1].Value}, which is not in the repository");
                }
            }
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
            Assert.Equal($"{RepositoryUrl}/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);

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
