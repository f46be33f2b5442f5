using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using LambdaAnalyzers.Tests.Samples;

namespace LambdaAnalyzers.Tests.Meta
{
    /// <summary>
    /// The tests mirror the rules (STYLE.md): one <c>Rules/&lt;Name&gt;Tests.cs</c> per analyzer, named like it, each
    /// with a test that the rule reports nothing in a project without an Amazon.Lambda package.
    /// </summary>
    public class TestLayoutTests
    {
        private const string NoLambdaTest = "NoLambdaReference_ReportsNothing";

        private static string RulesSource => Path.Combine(DotNetCli.RepositoryRoot, "src", "LambdaAnalyzers", "Rules");

        private static string RulesTests => Path.Combine(DotNetCli.RepositoryRoot, "tests", "LambdaAnalyzers.Tests", "Rules");

        /// <summary>The rule names: the analyzer files of src/LambdaAnalyzers/Rules and the shipped analyzers, without the Analyzer suffix.</summary>
        private static SortedSet<string> RuleNames()
        {
            var files = Directory.GetFiles(RulesSource, "*Analyzer.cs").Select(f => Path.GetFileNameWithoutExtension(f)!);
            var shipped = Catalog.Analyzers.Select(a => a.GetType().Name);
            return new SortedSet<string>(files.Concat(shipped).Select(n => n[..^"Analyzer".Length]), StringComparer.Ordinal);
        }

        [Fact]
        public void EveryAnalyzer_HasItsRulesTestFile_AndEveryRulesTestFile_NamesAnAnalyzer()
        {
            var rules = RuleNames();
            Assert.Equal(Catalog.Analyzers.Length, rules.Count);
            var testFiles = new SortedSet<string>(
                Directory.GetFiles(RulesTests, "*.cs").Select(f => Path.GetFileNameWithoutExtension(f)!),
                StringComparer.Ordinal);

            var missing = rules.Where(r => !testFiles.Contains(r + "Tests")).Select(r => $"Rules/{r}Tests.cs (for {r}Analyzer)").ToList();
            var stray = testFiles.Where(f => !f.EndsWith("Tests", StringComparison.Ordinal) || !rules.Contains(f[..^"Tests".Length])).Select(f => $"Rules/{f}.cs").ToList();
            Assert.True(
                missing.Count == 0 && stray.Count == 0,
                "analyzers without their test file: " + string.Join(", ", missing)
                + "\nfiles under Rules/ named after no analyzer (shared helpers belong in Verifiers/): " + string.Join(", ", stray));
        }

        [Fact]
        public void EveryRulesTestClass_IsNamedLikeItsFile_AndTestsTheRuleWithoutALambdaPackage()
        {
            var problems = new List<string>();
            foreach (var rule in RuleNames())
            {
                var type = typeof(TestLayoutTests).Assembly.GetType($"LambdaAnalyzers.Tests.Rules.{rule}Tests");
                if (type is null)
                {
                    problems.Add($"no class LambdaAnalyzers.Tests.Rules.{rule}Tests");
                    continue;
                }

                var test = type.GetMethod(NoLambdaTest, BindingFlags.Public | BindingFlags.Instance);
                if (test?.GetCustomAttribute<FactAttribute>() is null)
                {
                    problems.Add($"{type.Name} has no [Fact] {NoLambdaTest}");
                    continue;
                }

                // The test must build its project without the Lambda stand-ins, or it proves nothing.
                var text = File.ReadAllText(Path.Combine(RulesTests, rule + "Tests.cs"));
                var start = text.IndexOf(" " + NoLambdaTest + "(", StringComparison.Ordinal);
                var next = text.IndexOf("[Fact]", start, StringComparison.Ordinal);
                var body = next < 0 ? text[start..] : text[start..next];
                if (!body.Contains("WithoutLambdaPackage", StringComparison.Ordinal))
                {
                    problems.Add($"{type.Name}.{NoLambdaTest} does not use VerifyWithoutLambdaPackageAsync or AnalyzerTest.WithoutLambdaPackage");
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }
}
