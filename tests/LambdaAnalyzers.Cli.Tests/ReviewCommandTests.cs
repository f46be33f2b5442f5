using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Cli.Tests
{
    /// <summary>The tool run in-process on restored copies of the samples, as CI would run it.</summary>
    public class ReviewCommandTests : IClassFixture<Samples>
    {
        private readonly Samples _samples;

        public ReviewCommandTests(Samples samples) => _samples = samples;

        [Fact]
        public async Task Text_ListsEachHandler_WithTriggerFailureRouteAndChecklist()
        {
            var (exitCode, output, error) = await Tool.RunAsync(_samples.Noncompliant.Directory);

            Assert.Equal(ReviewCommand.Findings, exitCode);
            Assert.DoesNotContain("warning:", error); // an analyzer exception would be reported here
            Assert.Contains("1 project, 6 handlers,", output);

            var queueHandler = Block(output, "OrderQueueHandler.Handle");
            Assert.Contains("trigger     SQS event source mapping", queueHandler);
            Assert.Contains("queue OrdersQueue has no redrive policy: retried until retention expires, then lost", queueHandler);
            Assert.Contains("deployed as template.yaml: OrderQueueFunction", queueHandler);
            Assert.Contains("✗ Failures retried or dead-lettered, never lost", queueHandler);
            Assert.Matches(@"OrderQueueHandler\.cs:\d+: warning LAM202: ", queueHandler);
            Assert.Contains("https://github.com/lambda-analyzers/lambda-analyzers/blob/main/docs/rules/LAM202.md", queueHandler);
            Assert.Matches(@"template\.yaml:\d+: warning LAM403: ", queueHandler);

            var api = Block(output, "OrdersApi.GetOrder");
            Assert.Contains("trigger     synchronous", api);
            Assert.Contains("– Side effects safe under duplicate delivery (not applicable", api);
            Assert.Matches(@"OrdersApi\.cs:\d+: warning LAM001: ", api);
            Assert.Matches(@"OrdersApi\.cs:\d+: warning LAM002: ", api);

            var receipts = Block(output, "ReceiptHandler.Send");
            Assert.Contains("after 3 attempts (or 6 h) the event is dropped (no DLQ or on-failure destination)", receipts);

            // A queue's visibility timeout is about the function that polls it; a field initializer, about
            // the handler that constructs its type; a mistyped handler string, about the handler it means.
            Assert.Matches(@"template\.yaml:\d+: warning LAM406: ", queueHandler);
            Assert.Matches(@"OrderQueueHandler\.cs:\d+: warning LAM001: 'AmazonSQSClient'", queueHandler);
            var invoice = Block(output, "InvoiceUploadedHandler.Handle");
            Assert.Contains("on failure  every invocation fails before this code runs: the handler string 'Orders.Noncompliant::Orders.InvoiceUploaded::Handle' of InvoiceFunction in template.yaml does not resolve (LAM401)", invoice);
            Assert.Contains("deployed as template.yaml: InvoiceFunction (handler string does not resolve)", invoice);
            Assert.Matches(@"template\.yaml:\d+: warning LAM401: .*did you mean 'Orders\.InvoiceUploadedHandler'\?", Check(invoice, "Handler loads"));
            Assert.DoesNotContain("no template found", output);
            Assert.DoesNotContain("Findings outside any handler", output);

            // A handler no function names, beside a template that names others.
            Assert.Contains("on failure  no function in template.yaml names this handler: after 3 attempts", Block(output, "NotificationHandler.Handle"));

            // async void is a handler the runtime refuses to load: it fails that check, and only that one.
            var notification = Block(output, "NotificationHandler.Handle");
            Assert.Contains("warning LAM301", Check(notification, "Handler loads"));
            Assert.DoesNotContain("LAM301", Check(notification, "Async work"));
            Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal); // not a terminal: no colour
        }

        [Fact]
        public async Task Color_MarksPassedAndFailedChecks()
        {
            var (_, output, _) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--color");

            Assert.Contains("\u001b[31m✗\u001b[0m", output, StringComparison.Ordinal);
            Assert.Contains("\u001b[32m✓\u001b[0m", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task CompliantSample_EveryCheckPasses_ExitsZero()
        {
            var (exitCode, output, _) = await Tool.RunAsync(_samples.Compliant.Directory);

            Assert.Equal(ReviewCommand.Clean, exitCode);
            Assert.Contains("5 handlers, 0 findings", output);
            Assert.DoesNotContain("✗", output);
            Assert.Contains("after 5 receives queue OrdersQueue moves the message to OrdersDeadLetterQueue", Block(output, "OrderQueueHandler.Handle"));
            Assert.Contains("the event goes to the on-failure destination", Block(output, "InvoiceUploadedHandler.Handle"));
        }

        [Fact]
        public async Task Markdown_IsATaskListPerHandler_WithLinkedFindings()
        {
            var (exitCode, output, _) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--format", "markdown");

            Assert.Equal(ReviewCommand.Findings, exitCode);
            Assert.StartsWith("## Lambda review: `", output);
            Assert.Contains("#### `OrderQueueHandler.Handle` (`OrderQueueHandler.cs:", output);
            Assert.Contains("| Trigger | SQS event source mapping |", output);
            Assert.Contains("- [ ] **Failures retried or dead-lettered, never lost**", output);
            Assert.Contains("- [x] Clients and connections created once per environment", output);
            Assert.Contains("- [x] ~~Side effects safe under duplicate delivery~~", output);
            Assert.Matches(@"  - `OrderQueueHandler\.cs:\d+` \[LAM202\]\(https://github\.com/lambda-analyzers/lambda-analyzers/blob/main/docs/rules/LAM202\.md\) \(warning\): ", output);

            // Every table row has exactly three pipes: a message's own '|' must not break the table.
            foreach (var row in output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
            {
                Assert.Equal(3, row.Replace("\\|", string.Empty).Count(c => c == '|'));
            }
        }

        [Fact]
        public async Task Sarif_HasTheShapeCodeScanningAccepts()
        {
            var (exitCode, output, _) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--format", "sarif");
            var (_, json, _) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--format", "json");

            Assert.Equal(ReviewCommand.Findings, exitCode);
            using var sarif = JsonDocument.Parse(output);
            var root = sarif.RootElement;
            Assert.Equal("2.1.0", root.GetProperty("version").GetString());
            Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
            var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
            var driver = run.GetProperty("tool").GetProperty("driver");
            Assert.Equal("LambdaAnalyzers", driver.GetProperty("name").GetString());

            var rules = driver.GetProperty("rules").EnumerateArray().ToList();
            var ruleIds = rules.Select(r => r.GetProperty("id").GetString()!).ToList();
            Assert.Equal(ruleIds.Distinct().Count(), ruleIds.Count);
            Assert.Contains("LAM001", ruleIds);
            Assert.Contains("LAM406", ruleIds);
            foreach (var rule in rules)
            {
                Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
                Assert.EndsWith(rule.GetProperty("id").GetString() + ".md", rule.GetProperty("helpUri").GetString());
                Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            }

            var sourceRoot = run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString()!;
            Assert.StartsWith("file:///", sourceRoot);
            Assert.EndsWith("/", sourceRoot);

            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.NotEmpty(results);
            foreach (var result in results)
            {
                var ruleId = result.GetProperty("ruleId").GetString();
                Assert.Equal(ruleId, ruleIds[result.GetProperty("ruleIndex").GetInt32()]);
                Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
                Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
                var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var artifact = location.GetProperty("artifactLocation");
                Assert.Equal("SRCROOT", artifact.GetProperty("uriBaseId").GetString());
                Assert.True(File.Exists(Path.Combine(_samples.Noncompliant.Directory, artifact.GetProperty("uri").GetString()!)));
                var region = location.GetProperty("region");
                Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
                Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
            }

            // The same findings as the JSON report, each once.
            using var review = JsonDocument.Parse(json);
            var project = Assert.Single(review.RootElement.GetProperty("projects").EnumerateArray());
            var jsonFindings = project.GetProperty("handlers").EnumerateArray()
                .SelectMany(h => h.GetProperty("checks").EnumerateArray())
                .SelectMany(c => c.GetProperty("findings").EnumerateArray())
                .Concat(project.GetProperty("otherFindings").EnumerateArray())
                .Select(f => $"{f.GetProperty("path").GetString()}:{f.GetProperty("line").GetInt32()}:{f.GetProperty("ruleId").GetString()}")
                .Distinct()
                .OrderBy(f => f, StringComparer.Ordinal);
            var sarifFindings = results
                .Select(r => $"{r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()}:{r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()}:{r.GetProperty("ruleId").GetString()}")
                .OrderBy(f => f, StringComparer.Ordinal);
            Assert.Equal(jsonFindings, sarifFindings);
        }

        [Fact]
        public async Task Json_ChecksFailExactlyWhereTheyHoldFindings()
        {
            var (_, output, _) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--format", "json");

            using var review = JsonDocument.Parse(output);
            var handlers = review.RootElement.GetProperty("projects")[0].GetProperty("handlers").EnumerateArray().ToList();
            Assert.Equal(6, handlers.Count);
            foreach (var check in handlers.SelectMany(h => h.GetProperty("checks").EnumerateArray()))
            {
                var failed = check.GetProperty("status").GetString() == "failed";
                Assert.Equal(failed, check.GetProperty("findings").GetArrayLength() > 0);
            }

            var api = handlers.Single(h => h.GetProperty("name").GetString() == "OrdersApi.GetOrder");
            Assert.Equal("template.yaml: OrdersApiFunction", api.GetProperty("deployedAs").GetString());
        }

        [Fact]
        public async Task Json_ATemplateStyleHelperWithTheContext_IsPartOfTheFunctionThatCallsIt()
        {
            // The AWS SQS template: the handler passes each message and the context to a private helper.
            using var sample = new SampleCopy("Orders.Noncompliant");
            File.WriteAllText(Path.Combine(sample.Directory, "TemplateStyleFunction.cs"), """
                using System.Threading.Tasks;
                using Amazon.Lambda.Core;
                using Amazon.Lambda.SQSEvents;
                using Amazon.S3;

                namespace Orders;

                public class TemplateStyleFunction
                {
                    public async Task FunctionHandler(SQSEvent evnt, ILambdaContext context)
                    {
                        foreach (var message in evnt.Records)
                        {
                            await ProcessMessageAsync(message, context);
                        }
                    }

                    private async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                    {
                        var s3 = new AmazonS3Client();
                        await s3.ListBucketsAsync();
                    }
                }
                """);

            var (_, output, error) = await Tool.RunAsync(sample.Directory, "--format", "json");

            Assert.DoesNotContain("warning:", error);
            using var review = JsonDocument.Parse(output);
            var handlers = review.RootElement.GetProperty("projects")[0].GetProperty("handlers").EnumerateArray().ToList();
            var names = handlers.Select(h => h.GetProperty("name").GetString()).ToList();
            Assert.Contains("TemplateStyleFunction.FunctionHandler", names);
            Assert.DoesNotContain("TemplateStyleFunction.ProcessMessageAsync", names);
            var function = handlers.Single(h => h.GetProperty("name").GetString() == "TemplateStyleFunction.FunctionHandler");
            var findings = function.GetProperty("checks").EnumerateArray().SelectMany(c => c.GetProperty("findings").EnumerateArray()).ToList();
            Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "LAM001" && f.GetProperty("path").GetString()!.EndsWith("TemplateStyleFunction.cs", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("error", ReviewCommand.Clean)] // the sample's findings are warnings
        [InlineData("warning", ReviewCommand.Findings)]
        [InlineData("none", ReviewCommand.Clean)]
        public async Task FailOn_SetsTheExitCode(string severity, int expected)
        {
            var (exitCode, _, _) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--fail-on", severity, "--format", "json");
            Assert.Equal(expected, exitCode);
        }

        [Fact]
        public async Task OutputFile_GetsTheReport_StandardOutputStaysEmpty()
        {
            var file = Path.Combine(Path.GetTempPath(), $"review-{Guid.NewGuid():N}.sarif");
            try
            {
                var (_, output, error) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--format", "sarif", "--output", file);
                Assert.Equal(string.Empty, output);
                Assert.Contains("wrote " + file, error);
                using var sarif = JsonDocument.Parse(File.ReadAllText(file));
                Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public async Task DryRun_PrintsTheDiff_ChangesNothing()
        {
            var before = _samples.Noncompliant.Read("OrdersApi.cs");

            var (_, output, _) = await Tool.RunAsync(_samples.Noncompliant.Directory, "--fix", "--dry-run");

            Assert.Contains("lambda-review --fix --dry-run: would apply", output);
            Assert.Matches(@"LAM001 ×\d+: Store in a static readonly field", output);
            Assert.Contains("--- a/OrdersApi.cs\n+++ b/OrdersApi.cs\n@@ -", output);
            Assert.Contains("\n-        var dynamo = new AmazonDynamoDBClient();\n", output);
            Assert.Contains("\n+    private static readonly AmazonDynamoDBClient s_dynamo = new AmazonDynamoDBClient();\n", output);
            Assert.Equal(before, _samples.Noncompliant.Read("OrdersApi.cs"));
        }

        /// <summary>A tool's view of a handler: from its header line to the next handler's or the end.</summary>
        private static string Block(string output, string handler)
        {
            var start = output.IndexOf("\n  " + handler + "  ", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no block for {handler} in:\n{output}");
            var end = output.IndexOf("\n\n  ", start + 1, StringComparison.Ordinal);
            return end < 0 ? output[start..] : output[start..end];
        }

        /// <summary>One check of a handler's block: its line and the findings under it.</summary>
        private static string Check(string block, string title)
        {
            var lines = block.Split('\n');
            var first = Array.FindIndex(lines, l => l.Length > 6 && l.StartsWith("    ", StringComparison.Ordinal) && l[4] != ' ' && l[6..].StartsWith(title, StringComparison.Ordinal));
            Assert.True(first >= 0, $"no check '{title}' in:\n{block}");
            var next = Array.FindIndex(lines, first + 1, l => l.StartsWith("    ", StringComparison.Ordinal) && l.Length > 4 && l[4] != ' ');
            return string.Join('\n', next < 0 ? lines[first..] : lines[first..next]);
        }
    }
}
