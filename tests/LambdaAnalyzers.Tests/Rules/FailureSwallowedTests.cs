using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.FailureSwallowedAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class FailureSwallowedTests
    {
        [Fact]
        public Task CatchAllThatLogs_InSqsHandler_Triggers_OnTheCatch() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    try
                    {
                        await Task.Delay(1);
                    }
                    {|#0:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM203").WithLocation(0).WithArguments("OrderHandler.Handle", "", "SQS"));

        [Fact]
        public Task BareCatch_InS3AndStreamHandlers_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;
            using Amazon.Lambda.S3Events;

            public class Handlers
            {
                public void OnUpload(S3Event evt, ILambdaContext context)
                {
                    try { Process(); } {|LAM203:catch|} { }
                }

                public void OnRecords(KinesisEvent evt, ILambdaContext context)
                {
                    try { Process(); } {|LAM203:catch (System.Exception)|} { context.Logger.LogLine("failed"); }
                }

                private static void Process() { }
            }
            """);

        [Fact]
        public Task RethrowBatchFailureSpecificTypeFilterAndSynchronousTrigger_DoNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Text.Json;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Handlers
            {
                public SQSBatchResponse OnMessages(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var record in evt.Records)
                    {
                        try { Process(); }
                        catch (Exception) { failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = record.MessageId }); }
                    }

                    try { Process(); } catch (Exception ex) { context.Logger.LogError(ex.Message); throw; }
                    try { Process(); } catch (JsonException) { }
                    try { Process(); } catch (Exception ex) when (ex is TimeoutException) { }
                    return new SQSBatchResponse(failures);
                }

                public APIGatewayProxyResponse OnRequest(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    try { Process(); } catch (Exception) { return new APIGatewayProxyResponse { StatusCode = 500 }; }
                    return new APIGatewayProxyResponse { StatusCode = 200 };
                }

                private static void Process() { }
            }
            """);

        [Fact]
        public Task CatchInCalleeTakingNeitherRecordNorContext_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SNSEvents;

            public class Handler
            {
                public void Handle(SNSEvent evt, ILambdaContext context) => Helper.Run();
            }

            public static class Helper
            {
                public static void Run() { try { } catch (Exception) { } }
            }
            """);

        [Fact]
        public Task CatchAllAroundTheRecordLoop_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    try
                    {
                        foreach (var message in evt.Records)
                        {
                            await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        }
                    }
                    {|LAM203:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.ToString());
                    }
                }
            }
            """);

        [Fact]
        public Task SqsBlueprintHelperCatchThatLogs_Triggers_AtTheHelpersCatch_NamingTheHandler() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
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
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                    {|#0:catch (Exception e)|}
                    {
                        context.Logger.LogError($"An error occurred: {e.Message}");
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM203").WithLocation(0).WithArguments("Function.FunctionHandler", " (via Function.FunctionHandler → Function.ProcessMessageAsync)", "SQS"));

        [Fact]
        public Task StreamRecordHelperAndCollaboratorTakingTheContext_Trigger() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;
            using Amazon.Lambda.SNSEvents;

            public class Streams
            {
                public async Task Handle(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        await ProcessRecordAsync(record);
                    }
                }

                private static async Task ProcessRecordAsync(KinesisEvent.KinesisEventRecord record)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + record.EventId, record.Kinesis.PartitionKey);
                    }
                    {|LAM203:catch|}
                    {
                    }
                }
            }

            public class Notifier
            {
                public async Task NotifyAsync(string message, ILambdaContext context)
                {
                    try
                    {
                        await File.AppendAllTextAsync("/tmp/outbox", message);
                    }
                    {|#0:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                    }
                }
            }

            public class Notifications
            {
                private readonly Notifier _notifier = new Notifier();

                public async Task Handle(SNSEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        await _notifier.NotifyAsync(record.Sns.Message, context);
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM203").WithLocation(0).WithArguments("Notifications.Handle", " (via Notifications.Handle → Notifier.NotifyAsync)", "asynchronous"));

        [Fact]
        public Task HelperReturningFalse_WhoseResultTheCallerDiscards_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Sequential
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await ProcessRecordAsync(message, context);
                    }
                }

                private static async Task<bool> ProcessRecordAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        return true;
                    }
                    {|LAM203:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                        return false;
                    }
                }
            }

            public class Concurrent
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    await Task.WhenAll(evt.Records.Select(m => ProcessRecordAsync(m, context)));
                }

                private static async Task<bool> ProcessRecordAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        return true;
                    }
                    {|LAM203:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                        return false;
                    }
                }
            }
            """);

        [Fact]
        public Task HelperReturningFalse_WhoseResultTheCallerChecks_OrWhoseCallerThrows_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Checked
            {
                public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        if (!await ProcessRecordAsync(message, context))
                        {
                            failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }

                    return new SQSBatchResponse(failures);
                }

                private static async Task<bool> ProcessRecordAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        return true;
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.Message);
                        return false;
                    }
                }
            }

            public class AllChecked
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var results = await Task.WhenAll(evt.Records.Select(m => ProcessRecordAsync(m, context)));
                    if (results.Any(ok => !ok))
                    {
                        throw new InvalidOperationException("some records failed");
                    }
                }

                private static async Task<bool> ProcessRecordAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        return true;
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.Message);
                        return false;
                    }
                }
            }

            public class Thrower
            {
                private readonly List<string> _errors = new();

                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        Process(message, context);
                    }

                    if (_errors.Count > 0)
                    {
                        throw new InvalidOperationException(string.Join(", ", _errors));
                    }
                }

                private void Process(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        File.Delete(message.Body);
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.Message);
                    }
                }
            }
            """);

        [Fact]
        public Task HelperOfASynchronousHandler_OrReachedByNoHandler_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;

            public class Api
            {
                public APIGatewayProxyResponse Handle(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    Save(request.Body, context);
                    return new APIGatewayProxyResponse { StatusCode = 200 };
                }

                private static void Save(string body, ILambdaContext context)
                {
                    try { File.WriteAllText("/tmp/body", body); } catch (Exception ex) { context.Logger.LogError(ex.Message); }
                }
            }

            public class Orphan
            {
                public void Process(string input, ILambdaContext context)
                {
                    try { File.Delete(input); } catch (Exception ex) { context.Logger.LogError(ex.Message); }
                }
            }
            """);

        [Fact]
        public Task ServiceTakingTheWholeEvent_WhoseLoopSwallows_Triggers_NamingTheHandler() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public interface IOrderService
            {
                Task HandleAsync(SQSEvent evt);
            }

            public class OrderService : IOrderService
            {
                public async Task HandleAsync(SQSEvent evt)
                {
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        }
                        {|#0:catch (Exception)|}
                        {
                            Console.WriteLine("failed " + message.MessageId);
                        }
                    }
                }
            }

            public class Function
            {
                private readonly IOrderService _service = new OrderService();

                public Task FunctionHandler(SQSEvent evt, ILambdaContext context) => _service.HandleAsync(evt);
            }
            """,
            Verify.Diagnostic("LAM203").WithLocation(0).WithArguments("Function.FunctionHandler", " (via Function.FunctionHandler → OrderService.HandleAsync)", "SQS"));

        [Fact]
        public Task WithoutLambdaReferences_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System;

            public class Function
            {
                public void Handle(string input)
                {
                    try { Console.WriteLine(input); } catch (Exception) { }
                }
            }
            """);

        [Fact]
        public Task HelperTakingAValueFromTheRecord_OnABaseClass_CalledInTheRecordLoop_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Text;
            using System.Text.Json;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public abstract class ConsumerBase
            {
                protected void Consume(string body)
                {
                    try { JsonDocument.Parse(body); }
                    {|#0:catch (Exception ex)|} { LambdaLogger.Log(ex.Message); }
                }
            }

            public class StreamConsumer : ConsumerBase
            {
                public void Run(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        var text = Encoding.UTF8.GetString(record.Kinesis.Data.ToArray());
                        Consume(text);
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM203").WithLocation(0).WithArguments("StreamConsumer.Run", " (via StreamConsumer.Run → ConsumerBase.Consume)", "stream"));

        [Fact]
        public Task HelperTakingAPlainValue_CalledOutsideTheRecordLoop_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Text.Json;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class StreamConsumer
            {
                public void Run(KinesisEvent evt, ILambdaContext context)
                {
                    Warm("{}");
                    foreach (var record in evt.Records)
                    {
                        JsonDocument.Parse(record.EventId);
                    }
                }

                private static void Warm(string sample)
                {
                    try { JsonDocument.Parse(sample); }
                    catch (Exception ex) { LambdaLogger.Log(ex.Message); }
                }
            }
            """);

        [Fact]
        public Task HelperResultOnlyHandedToCodeThatIgnoresIt_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Importer
            {
                private static readonly HttpClient Http = new();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Import(message, context);
                    }
                }

                private async Task Import(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    var url = new Uri(message.Body);
                    var lines = await ReadLines(url);
                    await Save(lines);
                }

                private static async Task<List<string>> ReadLines(Uri url)
                {
                    var lines = new List<string>();
                    try { lines.Add(await Http.GetStringAsync(url)); }
                    {|LAM203:catch (Exception e)|} { Console.WriteLine(e.Message); }
                    return lines;
                }

                private static Task Save(List<string> lines) => Task.CompletedTask;
            }
            """);

        [Fact]
        public Task HelperResultCheckedByTheCallerOrByWhatItIsHandedTo_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Importer
            {
                private static readonly HttpClient Http = new();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Import(message, context);
                    }
                }

                private async Task Import(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    var url = new Uri(message.Body);
                    var lines = await ReadLines(url);
                    if (lines.Count == 0) throw new InvalidOperationException("nothing read");
                    var again = await ReadLines(url);
                    Save(again);
                }

                private static async Task<List<string>> ReadLines(Uri url)
                {
                    var lines = new List<string>();
                    try { lines.Add(await Http.GetStringAsync(url)); }
                    catch (Exception e) { Console.WriteLine(e.Message); }
                    return lines;
                }

                private static void Save(List<string> lines)
                {
                    if (lines.Count == 0) throw new InvalidOperationException("empty");
                }
            }
            """);

        [Fact]
        public Task LoggingHelperCalledFromACatchThatRecordsTheBatchItemFailure_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Pipeline
            {
                public async Task<StreamsEventResponse> Handle(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try { JsonDocument.Parse(record.EventId); }
                        catch (Exception ex)
                        {
                            await Report(record.Kinesis.SequenceNumber, ex, context);
                            return new StreamsEventResponse
                            {
                                BatchItemFailures = new List<StreamsEventResponse.BatchItemFailure> { new() { ItemIdentifier = record.Kinesis.SequenceNumber } },
                            };
                        }
                    }

                    return new StreamsEventResponse();
                }

                private static Task Report(string sequenceNumber, Exception ex, ILambdaContext context)
                {
                    try { context.Logger.LogLine(JsonSerializer.Serialize(new { sequenceNumber, ex.Message })); }
                    catch (Exception logEx) { context.Logger.LogLine(logEx.Message); }
                    return Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task ContextHelperCalledFromACatchThatOnlyLogs_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Pipeline
            {
                public async Task Handle(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try { JsonDocument.Parse(record.EventId); }
                        {|LAM203:catch (Exception ex)|} { await Report(ex, context); }
                    }
                }

                private static Task Report(Exception ex, ILambdaContext context)
                {
                    try { context.Logger.LogLine(JsonSerializer.Serialize(new { ex.Message })); }
                    {|LAM203:catch (Exception logEx)|} { context.Logger.LogLine(logEx.Message); }
                    return Task.CompletedTask;
                }
            }
            """);

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Queueing;

            public class OrderHandler
            {
                public async Task Handle(SQSEvent input)
                {
                    try
                    {
                        await Task.Delay(1);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }

            namespace Queueing
            {
                public class SQSEvent
                {
                    public List<SQSMessage> Records { get; set; } = new();

                    public class SQSMessage
                    {
                        public string MessageId { get; set; } = "";
                        public string Body { get; set; } = "";
                    }
                }
            }
            """);

        // ---- Trigger declared in a template above the project folder ----

        private const string ScheduledJob = """
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

            namespace Jobs
            {
                public class Rollup
                {
                    public async Task<string> Run(object input, ILambdaContext context)
                    {
                        try
                        {
                            await Task.Delay(1);
                        }
                        CATCH
                        {
                            context.Logger.LogError(ex.Message);
                        }

                        return "done";
                    }
                }
            }
            """;

        private static string RootTemplate(string codeUri) => $$"""
            Resources:
              Rollup:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: {{codeUri}}
                  Handler: TestProject::Jobs.Rollup::Run
                  Events:
                    Daily:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 day)
            """;

        /// <summary>
        /// A solution-level template above the project whose function's CodeUri is this project's folder gives the
        /// handler its trigger: a schedule is at-least-once, so a catch-all that only logs is reported.
        /// </summary>
        [Fact]
        public async Task ScheduleInTemplateAboveTheProject_PointingAtIt_Triggers()
        {
            var test = new Verify.AnalyzerTest { TestCode = ScheduledJob.Replace("CATCH", "{|#0:catch (Exception ex)|}") };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.projectdir = /repo/metrics/src/Rollup/\n"));
            test.TestState.AdditionalFiles.Add(("/repo/metrics/template.yaml", RootTemplate("./src/Rollup/")));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM203").WithLocation(0).WithArguments("Rollup.Run", "", "asynchronous"));
            await test.RunAsync();
        }

        /// <summary>The same template deploying another project's folder says nothing about this handler: its trigger stays unknown, and the rule silent.</summary>
        [Fact]
        public async Task ScheduleInTemplateAboveTheProject_PointingAtAnotherProject_DoesNotTrigger()
        {
            var test = new Verify.AnalyzerTest { TestCode = ScheduledJob.Replace("CATCH", "catch (Exception ex)") };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.projectdir = /repo/metrics/src/Rollup/\n"));
            test.TestState.AdditionalFiles.Add(("/repo/metrics/template.yaml", RootTemplate("./src/Reports/")));
            await test.RunAsync();
        }
    }
}
