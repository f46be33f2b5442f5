using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LambdaAnalyzers.Tests.Samples
{
    /// <summary>
    /// The README's first command: building the sample prints the diagnostics. The analyzers are loaded by
    /// the real compiler as analyzers (not as a reference), so this also proves the assembly loads in a
    /// current SDK. One class so the builds run one after another. Each rebuilds the sample alone
    /// (<c>--no-dependencies</c>): the stand-ins and analyzers it references were built with this test project,
    /// and rebuilding them would delete their outputs while the CLI tests' sample copies, built at the same
    /// time by another test assembly, copy or load them.
    /// </summary>
    [Collection(DotNetCli.Collection)]
    public class SampleBuildTests
    {
        private static readonly Regex DiagnosticLine = new(@"(?<file>[^/\\(]+\.(cs|yaml))\((?<line>\d+),\d+\): (?<severity>warning|error) (?<id>LAM\d{3}):", RegexOptions.Compiled);

        [Fact]
        public void NoncompliantSample_ReportsExactlyTheExpectedDiagnostics_AndFailsUnderWarnAsError()
        {
            var (exitCode, output) = DotNetCli.Run("build samples/Orders.Noncompliant --no-incremental --no-dependencies");
            Assert.True(exitCode == 0, output);

            var expected = new[]
            {
                "PaymentProviderClient.cs:13 LAM102",
                "PaymentProviderClient.cs:18 LAM101",
                "PaymentProviderClient.cs:19 LAM005",
                "PaymentProviderClient.cs:20 LAM103",
                "ReceiptHandler.cs:16 LAM306",
                "ReceiptHandler.cs:22 LAM203",
                "template.yaml:26 LAM403",
                "template.yaml:31 LAM405",
                "template.yaml:33 LAM402",
                "template.yaml:39 LAM404",
                "template.yaml:52 LAM401",
                "template.yaml:54 LAM406",
                "InvoiceUploadedHandler.cs:16 LAM004",
                "InvoiceUploadedHandler.cs:21 LAM001",
                "NotificationHandler.cs:17 LAM301",
                "NotificationHandler.cs:21 LAM304",
                "NotificationHandler.cs:24 LAM303",
                "NotificationHandler.cs:25 LAM302",
                "NotificationHandler.cs:26 LAM305",
                "NotificationHandler.cs:28 LAM203",
                "OrderQueueHandler.cs:14 LAM202",
                "OrderQueueHandler.cs:27 LAM001",
                "OrderQueueHandler.cs:31 LAM003",
                "OrderQueueHandler.cs:35 LAM201",
                "OrdersApi.cs:16 LAM001",
                "OrdersApi.cs:23 LAM002",
                "OrdersApi.cs:26 LAM004",
            }.OrderBy(s => s, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, Diagnostics(output, "warning"));

            var (strictExitCode, strictOutput) = DotNetCli.Run("build samples/Orders.Noncompliant --no-incremental --no-dependencies -warnaserror");
            Assert.NotEqual(0, strictExitCode);
            Assert.Equal(expected, Diagnostics(strictOutput, "error"));
        }

        [Fact]
        public void CompliantSample_BuildsWithNoLambdaDiagnostics()
        {
            var (exitCode, output) = DotNetCli.Run("build samples/Orders.Compliant --no-incremental --no-dependencies -warnaserror");
            Assert.True(exitCode == 0, output);
            Assert.Empty(Diagnostics(output, "warning").Concat(Diagnostics(output, "error")));
        }

        private static IReadOnlyList<string> Diagnostics(string output, string severity)
            => DiagnosticLine.Matches(output)
                .Where(m => m.Groups["severity"].Value == severity)
                .Select(m => $"{m.Groups["file"].Value}:{m.Groups["line"].Value} {m.Groups["id"].Value}")
                .Distinct()
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
    }
}
