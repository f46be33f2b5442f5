using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Cli.Tests
{
    /// <summary><c>--fix</c> on its own copy of the noncompliant sample: the files change, the project still builds, the fixed rules are gone.</summary>
    public class FixTests
    {
        [Fact]
        public async Task Fix_WritesFiles_ProjectBuilds_FixedDiagnosticsGone()
        {
            using var sample = new SampleCopy("Orders.Noncompliant");
            var before = sample.Read("OrderQueueHandler.cs");

            var (exitCode, output, error) = await Tool.RunAsync(sample.Directory, "--fix");

            Assert.DoesNotContain("warning:", error);
            Assert.Contains("lambda-review --fix: applied", output);
            Assert.Contains("changed OrderQueueHandler.cs", output);
            Assert.NotEqual(before, sample.Read("OrderQueueHandler.cs"));
            Assert.Contains("Task<SQSBatchResponse> Handle(", sample.Read("OrderQueueHandler.cs"));
            Assert.Equal(ReviewCommand.Findings, exitCode); // rules without a fix (secrets, templates) remain

            var fixedRules = Regex.Matches(output, @"^  (LAM\d{3}) ×\d+:", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            Assert.Contains("LAM001", fixedRules);
            Assert.Contains("LAM202", fixedRules);

            // The copy was never built, so a plain build compiles it; --no-incremental would also rebuild the
            // stand-ins and analyzers it references, under the feet of the sample builds running meanwhile.
            var (buildExit, build) = SampleCopy.DotNet($"build \"{sample.Project}\"");
            Assert.True(buildExit == 0, build);
            var remaining = Regex.Matches(build, @"warning (LAM\d{3})").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(remaining);
            Assert.Empty(remaining.Intersect(fixedRules));
        }
    }
}

namespace LambdaAnalyzers.Cli.Tests
{
    public class SolutionTests
    {
        /// <summary>A fresh clone has never restored the samples: the tool restores, as a build would.</summary>
        [Fact]
        public async Task UnrestoredProject_IsRestoredFirst()
        {
            using var sample = new SampleCopy("Orders.Compliant");
            System.IO.Directory.Delete(System.IO.Path.Combine(sample.Directory, "obj"), recursive: true);

            var (exitCode, output, error) = await Tool.RunAsync(sample.Directory);

            Assert.True(exitCode == ReviewCommand.Clean, error + output);
            Assert.Contains("Restoring Orders.Compliant.csproj", error);
            Assert.Contains("1 project, 5 handlers, 0 findings", output);
        }

        /// <summary>Broken code is reviewed as far as it goes, and the review says it may be incomplete.</summary>
        [Fact]
        public async Task BrokenCodeAndTemplate_ReviewedWithAWarning_NoCrash()
        {
            using var sample = new SampleCopy("Orders.Noncompliant");
            var handler = System.IO.Path.Combine(sample.Directory, "OrderQueueHandler.cs");
            System.IO.File.WriteAllText(handler, System.IO.File.ReadAllText(handler)[..700]);
            System.IO.File.WriteAllText(System.IO.Path.Combine(sample.Directory, "template.yaml"), "Resources:\n  F: [\n");

            var (exitCode, output, error) = await Tool.RunAsync(sample.Directory);
            var (_, json, _) = await Tool.RunAsync(sample.Directory, "--format", "json");

            Assert.Equal(ReviewCommand.Findings, exitCode);
            Assert.DoesNotContain("warning:", error);
            Assert.Matches(@"\d+ compiler error\(s\): the review may miss what the broken code hides", output);
            Assert.Matches(@"template\.yaml:3: warning LAM400: ", output);
            Assert.Contains("on failure  template.yaml could not be read (LAM400): ", output);
            Assert.DoesNotContain("no template found", output);
            using var document = System.Text.Json.JsonDocument.Parse(json);
            Assert.True(document.RootElement.GetProperty("projects")[0].GetProperty("compilerErrors").GetInt32() > 0);
        }

        /// <summary>A folder holding one solution (a .slnx, as `dotnet new sln` now writes) reviews the projects in it.</summary>
        [Fact]
        public async Task FolderWithASolution_ReviewsItsProjects()
        {
            using var sample = new SampleCopy("Orders.Compliant");
            var root = System.IO.Path.GetDirectoryName(sample.Directory)!;
            var (created, log) = SampleCopy.DotNet($"new sln -n Review -o \"{root}\"");
            Assert.True(created == 0, log);
            var solution = System.IO.Directory.GetFiles(root, "Review.sln*").Single();
            var (added, addLog) = SampleCopy.DotNet($"sln \"{solution}\" add \"{sample.Project}\"");
            Assert.True(added == 0, addLog);

            var (exitCode, output, error) = await Tool.RunAsync(root);

            Assert.True(exitCode == ReviewCommand.Clean, error + output);
            // `dotnet sln add` also lists the project's references (the stand-ins, the analyzers): reviewed, and
            // left out of the report since they hold no handler and no finding.
            Assert.True(output.Contains("4 projects (1 with handlers or findings), 5 handlers, 0 findings", System.StringComparison.Ordinal), output);
            Assert.Contains("OrderQueueHandler.Handle", output);
        }

        /// <summary>
        /// A solution's test projects are skipped unless asked for: a fake in a test holds a fake secret (LAM102
        /// is an error) and no function deploys it. The repository's own solution failed the review for this.
        /// </summary>
        [Fact]
        public async Task SolutionWithATestProject_SkipsIt_UnlessIncludeTests()
        {
            using var sample = new SampleCopy("Orders.Compliant");
            var root = System.IO.Path.GetDirectoryName(sample.Directory)!;
            var tests = System.IO.Path.Combine(root, "Orders.Tests");
            System.IO.Directory.CreateDirectory(tests);
            System.IO.File.WriteAllText(System.IO.Path.Combine(tests, "Orders.Tests.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <IsTestProject>true</IsTestProject>
                  </PropertyGroup>
                </Project>
                """);
            System.IO.File.WriteAllText(System.IO.Path.Combine(tests, "FakePaymentProvider.cs"), """
                using Amazon.Lambda.Core;

                namespace Orders.Tests;

                public class FakePaymentProvider
                {
                    private const string WebhookSigningSecret = "whsec_live_51HhQ2KJf8sT3xYz9";

                    public string Refund(string id, ILambdaContext context) => WebhookSigningSecret + id;
                }
                """);
            var (created, log) = SampleCopy.DotNet($"new sln -n Review -o \"{root}\"");
            Assert.True(created == 0, log);
            var solution = System.IO.Directory.GetFiles(root, "Review.sln*").Single();
            var (added, addLog) = SampleCopy.DotNet($"sln \"{solution}\" add \"{sample.Project}\" \"{System.IO.Path.Combine(tests, "Orders.Tests.csproj")}\"");
            Assert.True(added == 0, addLog);

            var (exitCode, output, error) = await Tool.RunAsync(root);
            var (includedExit, included, _) = await Tool.RunAsync(root, "--include-tests");

            Assert.True(exitCode == ReviewCommand.Clean, error + output);
            Assert.Contains("Skipping 1 test project(s): Orders.Tests (--include-tests reviews them)", error);
            Assert.DoesNotContain("Orders.Tests", output);
            // Included, the test project is reviewed as its own build analyses it: its handler is listed, and its
            // fake secret stays unreported because LAM101/LAM102 skip test projects (include_test_projects).
            Assert.True(includedExit == ReviewCommand.Clean, included);
            Assert.Contains("FakePaymentProvider.Refund", included);
            Assert.DoesNotContain("LAM102", included);
        }

        [Theory]
        [InlineData("/home/u/.nuget/packages/xunit.extensibility.core/2.9.3/lib/netstandard1.1/xunit.core.dll", true)]
        [InlineData("/p/nunit/4.0.0/lib/net8.0/nunit.framework.dll", true)]
        [InlineData("/p/mstest.testframework/3.6.0/lib/net8.0/Microsoft.VisualStudio.TestPlatform.TestFramework.dll", true)]
        [InlineData("/p/xunit.v3.extensibility.core/1.0.0/lib/net8.0/xunit.v3.core.dll", true)]
        [InlineData("/p/awssdk.core/3.7.0/lib/net8.0/AWSSDK.Core.dll", false)]
        [InlineData("/p/xunit.abstractions/2.0.3/lib/netstandard2.0/xunit.abstractions.dll", false)]
        public void TestFrameworkReferences_MarkATestProject(string reference, bool isTestFramework)
            => Assert.Equal(isTestFramework, LambdaAnalyzers.Cli.Loading.TestProjects.IsTestFramework(reference));
    }
}
