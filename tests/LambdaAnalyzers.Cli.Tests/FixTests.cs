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

            var (buildExit, build) = SampleCopy.DotNet($"build \"{sample.Project}\" --no-incremental");
            Assert.True(buildExit == 0, build);
            var remaining = Regex.Matches(build, @"warning (LAM\d{3})").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(remaining);
            Assert.Empty(remaining.Intersect(fixedRules));
        }
    }
}
