using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LambdaAnalyzers.Tests.Meta;
using LambdaAnalyzers.Tests.Samples;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace LambdaAnalyzers.Tests.Corpus
{
    /// <summary>Precision and recall of each rule on the realistic-code corpus (see Corpus/README.md).</summary>
    public class CorpusTests
    {
        private static readonly Regex Expectation = new(@"//\s*expect:\s*(?<ids>LAM\d{3}(\s*,\s*LAM\d{3})*)");

        /// <summary>
        /// Each rule's precision and recall floors, just under what it scores on this corpus today (every rule
        /// 1.00 / 1.00): one false alarm or one miss where a rule has few findings, or a rule gone silent, fails.
        /// Lower a floor only with the reason in Corpus/README.md. The rules that read deployment files (LAM306,
        /// LAM400-LAM406) have no floor: the corpus is C# alone, so they can find nothing here, and any report
        /// from them fails as unexpected.
        /// </summary>
        private static readonly Dictionary<string, (double Precision, double Recall)> Floors = new(StringComparer.Ordinal)
        {
            ["LAM001"] = (0.95, 0.95),
            ["LAM002"] = (0.95, 0.95),
            ["LAM003"] = (0.95, 0.95),
            ["LAM004"] = (0.95, 0.95),
            ["LAM005"] = (0.95, 0.95),
            ["LAM101"] = (0.95, 0.95),
            ["LAM102"] = (0.95, 0.95),
            ["LAM103"] = (0.95, 0.95),
            ["LAM201"] = (0.95, 0.95),
            ["LAM202"] = (0.95, 0.95),
            ["LAM203"] = (0.95, 0.95),
            ["LAM301"] = (0.95, 0.95),
            ["LAM302"] = (0.95, 0.95),
            ["LAM303"] = (0.95, 0.95),
            ["LAM304"] = (0.95, 0.95),
            ["LAM305"] = (0.95, 0.95),
        };
        private readonly ITestOutputHelper _output;

        public CorpusTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EveryRule_MeetsItsPrecisionAndRecallFloors()
        {
            var expected = new HashSet<(string File, int Line, string Id)>();
            var reported = new HashSet<(string File, int Line, string Id)>();
            foreach (var path in TestSources.CorpusPaths())
            {
                var name = Path.GetFileName(path);
                var text = File.ReadAllText(path);
                var lines = text.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (Expectation.Match(lines[i]) is { Success: true } match)
                    {
                        foreach (var id in match.Groups["ids"].Value.Split(',').Select(s => s.Trim()))
                        {
                            expected.Add((name, i + 1, id));
                        }
                    }
                }

                // A bootstrap (custom runtime) function is an executable, as its project is.
                var kind = text.Contains("LambdaBootstrapBuilder", StringComparison.Ordinal) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
                var compilation = CSharpCompilation.Create(
                    "Corpus",
                    new[] { CSharpSyntaxTree.ParseText(text, path: name) },
                    TestReferences.Framework.AddRange(TestReferences.Packages),
                    new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
                var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, $"{name} must compile, as real code does:\n" + string.Join("\n", errors));

                var diagnostics = await compilation.WithAnalyzers(Catalog.Analyzers).GetAnalyzerDiagnosticsAsync();
                foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("LAM", StringComparison.Ordinal)))
                {
                    reported.Add((name, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Id));
                }
            }

            var failures = new List<string>();
            _output.WriteLine("| rule | expected | reported | true positives | precision | recall |");
            _output.WriteLine("|---|---|---|---|---|---|");
            foreach (var id in expected.Concat(reported).Select(e => e.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal))
            {
                var want = expected.Where(e => e.Id == id).ToHashSet();
                var got = reported.Where(e => e.Id == id).ToHashSet();
                var truePositives = want.Intersect(got).Count();
                var precision = got.Count == 0 ? 1.0 : truePositives / (double)got.Count;
                var recall = want.Count == 0 ? 1.0 : truePositives / (double)want.Count;
                _output.WriteLine($"| {id} | {want.Count} | {got.Count} | {truePositives} | {precision:0.00} | {recall:0.00} |");
                foreach (var miss in want.Except(got))
                {
                    _output.WriteLine($"  missed {miss.File}:{miss.Line}");
                }

                foreach (var extra in got.Except(want))
                {
                    _output.WriteLine($"  unexpected {extra.File}:{extra.Line}");
                }

                if (!Floors.TryGetValue(id, out var floor))
                {
                    failures.Add(want.Count == 0
                        ? $"{id}: reports {got.Count} times in a corpus that expects it nowhere (it has no deployment file)"
                        : $"{id}: {want.Count} expected findings, but no floor in CorpusTests.Floors");
                    continue;
                }

                if (precision < floor.Precision || recall < floor.Recall)
                {
                    failures.Add($"{id}: precision {precision:0.00} (floor {floor.Precision:0.00}), recall {recall:0.00} (floor {floor.Recall:0.00})");
                }
            }

            _output.WriteLine(string.Empty);
            _output.WriteLine("| family | expected | reported | true positives | precision | recall |");
            _output.WriteLine("|---|---|---|---|---|---|");
            foreach (var family in expected.Concat(reported).Select(e => Family(e.Id)).Distinct().OrderBy(f => f, StringComparer.Ordinal))
            {
                var want = expected.Where(e => Family(e.Id) == family).ToHashSet();
                var got = reported.Where(e => Family(e.Id) == family).ToHashSet();
                var truePositives = want.Intersect(got).Count();
                var precision = got.Count == 0 ? 1.0 : truePositives / (double)got.Count;
                var recall = want.Count == 0 ? 1.0 : truePositives / (double)want.Count;
                _output.WriteLine($"| {family} | {want.Count} | {got.Count} | {truePositives} | {precision:0.00} | {recall:0.00} |");
            }

            // A floor whose rule the corpus no longer expects anywhere guards nothing.
            foreach (var id in Floors.Keys.Where(id => !expected.Any(e => e.Id == id)))
            {
                failures.Add($"{id}: has a floor, but the corpus expects it nowhere");
            }

            Assert.True(expected.Select(e => e.Id).Distinct().Count() >= 15, "the corpus should exercise most code rules");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        /// <summary>The rule family: LAM0xx cost, LAM1xx secrets, LAM2xx failures, LAM3xx execution model, LAM4xx deployment.</summary>
        private static string Family(string id) => id[..4] + "xx";
    }
}
