using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.WholeBatchFailsAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class WholeBatchFailsTests
    {
        [Fact]
        public async Task BootstrapLambdaHandler_TopLevelStatements_Triggers_OnItsAsyncKeyword()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.RuntimeSupport;
                    using Amazon.Lambda.Serialization.SystemTextJson;
                    using Amazon.Lambda.SQSEvents;

                    var handler = {|#0:async|} (SQSEvent evt, ILambdaContext context) =>
                    {
                        foreach (var message in evt.Records)
                        {
                            await Task.Delay(message.Body.Length);
                        }
                    };
                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    """,
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM202").WithLocation(0).WithArguments("SQS", "top-level handler lambda", "", "SQSBatchResponse"));
            await test.RunAsync();
        }

        [Fact]
        public Task SqsLoopWithoutPartialResponse_Triggers_OnHandlerName() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public interface IOrderStore
            {
                Task SaveAsync(string body);
            }

            public class OrderHandler
            {
                private static IOrderStore Store = null!;

                public async Task {|#0:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await ProcessAsync(message.Body);
                    }
                }

                private static Task ProcessAsync(string body) => Store.SaveAsync(body);
            }
            """,
            Verify.Diagnostic("LAM202").WithLocation(0).WithArguments("SQS", "OrderHandler.Handle", "", "SQSBatchResponse"));

        [Fact]
        public Task StreamHandlerWithLinqAndRethrowingCatch_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.DynamoDBEvents;
            using Amazon.Lambda.KinesisEvents;

            public class Streams
            {
                public Task {|LAM202:OnKinesis|}(KinesisEvent evt, ILambdaContext context)
                    => Task.WhenAll(evt.Records.Select(r => System.IO.File.WriteAllTextAsync("/tmp/" + r.EventId, r.EventId)));

                public void {|LAM202:OnDynamo|}(DynamoDBEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try { System.IO.File.Delete(record.EventID); }
                        catch (Exception) { context.Logger.LogLine("failed"); throw; }
                    }
                }
            }
            """);

        [Fact]
        public Task PartialResponseGuardedLoopOtherTriggersAndKafkaLoopThatOnlyLogs_DoNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KafkaEvents;
            using Amazon.Lambda.S3Events;
            using Amazon.Lambda.SQSEvents;

            public class Handlers
            {
                public async Task<SQSBatchResponse> WithResponse(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        await Task.Yield();
                    }

                    return new SQSBatchResponse(failures);
                }

                public void Guarded(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        try { Console.WriteLine(message.Body); }
                        catch (Exception ex) { context.Logger.LogError(ex.Message); }
                    }
                }

                public void OnUpload(S3Event evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records) { Console.WriteLine(record.S3.Object.Key); }
                }

                public void OnKafka(KafkaEvent evt, ILambdaContext context)
                {
                    foreach (var partition in evt.Records) { Console.WriteLine(partition.Key); }
                }

                public void CountOnly(SQSEvent evt, ILambdaContext context) => Console.WriteLine("batch");
            }
            """);

        /// <summary>Lambda reads the response's JSON: a model of the project's own with BatchItemFailures is a partial batch response.</summary>
        [Fact]
        public Task OwnResponseModelWithBatchItemFailures_DoesNotTrigger_OneWithoutDoes() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class BatchResult
            {
                public List<string> BatchItemFailures { get; } = new List<string>();
            }

            public class Summary
            {
                public int Processed { get; set; }
            }

            public class Streams
            {
                public async Task<BatchResult> Partial(KinesisEvent evt, ILambdaContext context)
                {
                    await Task.WhenAll(evt.Records.Select(r => System.IO.File.WriteAllTextAsync("/tmp/" + r.EventId, r.EventId)));
                    return new BatchResult();
                }

                public async Task<Summary> {|LAM202:Whole|}(KinesisEvent evt, ILambdaContext context)
                {
                    await Task.WhenAll(evt.Records.Select(r => System.IO.File.WriteAllTextAsync("/tmp/" + r.EventId, r.EventId)));
                    return new Summary();
                }
            }
            """);

        [Fact]
        public Task LoopThatOnlyLogsReadsFieldsAndAwaitsCompletedTask_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;
            using Amazon.Lambda.SQSEvents;

            public class Handlers
            {
                public async Task OnMessages(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var body = message.Body;
                        context.Logger.LogInformation($"Processed message {body} ({message.MessageId})");
                        Console.WriteLine("length " + body.Length);
                        await Task.CompletedTask;
                    }
                }

                public void OnRecords(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        LambdaLogger.Log(string.Format("{0}: {1}", record.EventId, record.Kinesis.PartitionKey));
                    }
                }
            }
            """);

        [Fact]
        public Task SqsBlueprintHelperThatOnlyLogs_DoesNotTrigger() => Verify.VerifyAsync("""
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
                    context.Logger.LogInformation($"Processed message {message.Body}");

                    // TODO: Do interesting work based on the new message
                    await Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task SqsBlueprintHelperDoingRealWork_Triggers() => Verify.VerifyAsync("""
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public record Order(string Id);

            public class Function
            {
                public async Task {|LAM202:FunctionHandler|}(SQSEvent evnt, ILambdaContext context)
                {
                    foreach (var message in evnt.Records)
                    {
                        await ProcessMessageAsync(message, context);
                    }
                }

                private async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    context.Logger.LogInformation($"Processing message {message.Body}");
                    var order = JsonSerializer.Deserialize<Order>(message.Body);
                    await Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task LoopInsideSwallowingTry_OrLoopBodyOneSwallowingTry_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.DynamoDBEvents;
            using Amazon.Lambda.SQSEvents;

            public class Handlers
            {
                public async Task AroundTheLoop(SQSEvent evt, ILambdaContext context)
                {
                    try
                    {
                        foreach (var message in evt.Records)
                        {
                            await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        }
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.ToString());
                    }
                }

                public void AroundTheBody(DynamoDBEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try
                        {
                            File.Delete(record.EventID);
                        }
                        catch
                        {
                            context.Logger.LogLine("failed " + record.EventID);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task LoopBodyWithFailingWorkOutsideTheSwallowingTry_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Text.Json;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public record Order(string Id);

            public class Handlers
            {
                public void {|LAM202:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var order = JsonSerializer.Deserialize<Order>(message.Body)!;
                        try
                        {
                            File.Delete(order.Id);
                        }
                        catch (Exception ex)
                        {
                            context.Logger.LogError(ex.Message);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task HelperWholeBodySwallowingTry_FromForeachAndFromWhenAllSelect_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Handlers
            {
                public async Task Sequential(SQSEvent evt, ILambdaContext context)
                {
                    context.Logger.LogInformation($"Beginning to process {evt.Records.Count} records...");
                    foreach (var message in evt.Records)
                    {
                        await ProcessRecordAsync(message, context);
                    }
                }

                public async Task Concurrent(SQSEvent evt, ILambdaContext context)
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
                    catch (Exception ex)
                    {
                        context.Logger.LogError($"failed {message.MessageId}: {ex.Message}");
                        return false;
                    }
                }
            }
            """);

        [Fact]
        public Task HelperWhoseCatchRethrows_FromWhenAllSelect_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Handlers
            {
                public async Task {|LAM202:Concurrent|}(SQSEvent evt, ILambdaContext context)
                {
                    await Task.WhenAll(evt.Records.Select(m => ProcessRecordAsync(m, context)));
                }

                private static async Task ProcessRecordAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.Message);
                        throw;
                    }
                }
            }
            """);

        [Fact]
        public Task RecordsCountInALogLineOutsideTheGuardedLoop_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.DynamoDBEvents;

            public class Replication
            {
                public void Handle(DynamoDBEvent dynamoEvent, ILambdaContext context)
                {
                    context.Logger.LogInformation($"Beginning to process {dynamoEvent.Records.Count} records...");
                    foreach (var record in dynamoEvent.Records)
                    {
                        try
                        {
                            File.Delete(record.EventID);
                        }
                        catch (Exception ex)
                        {
                            context.Logger.LogError(ex.Message);
                        }
                    }

                    context.Logger.LogInformation("Stream processing complete.");
                }
            }
            """);

        [Fact]
        public Task WholeEventHandedToAServiceWhoseLoopLetsExceptionsEscape_Triggers_OnTheHandlersName() => Verify.VerifyAsync("""
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
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                }
            }

            public class Function
            {
                private readonly IOrderService _service = new OrderService();

                public async Task {|#0:FunctionHandler|}(SQSEvent evt, ILambdaContext context)
                {
                    context.Logger.LogInformation("received");
                    await _service.HandleAsync(evt);
                }
            }
            """,
            Verify.Diagnostic("LAM202").WithLocation(0).WithArguments("SQS", "Function.FunctionHandler", " (via Function.FunctionHandler → OrderService.HandleAsync)", "SQSBatchResponse"));

        [Fact]
        public Task WholeEventHandedToAServiceThatGuardsEachRecord_OrToAServiceThatOnlyLogs_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderService
            {
                public async Task HandleAsync(SQSEvent evt)
                {
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        }
                        catch (Exception)
                        {
                            Console.WriteLine("failed " + message.MessageId);
                        }
                    }
                }

                public void Describe(SQSEvent evt)
                {
                    foreach (var message in evt.Records)
                    {
                        Console.WriteLine(message.MessageId);
                    }
                }
            }

            public class Function
            {
                private readonly OrderService _service = new OrderService();

                public async Task FunctionHandler(SQSEvent evt, ILambdaContext context)
                {
                    _service.Describe(evt);
                    await _service.HandleAsync(evt);
                }
            }
            """);

        [Fact]
        public Task LoopOverALocalAliasWhoseCatchRecordsFailures_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                private readonly List<string> _failed = new();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var records = evt.Records;
                    context.Logger.LogInformation($"{records.Count} messages");
                    foreach (var message in records)
                    {
                        try
                        {
                            await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        }
                        catch (Exception)
                        {
                            _failed.Add(message.MessageId);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task LoopOverALocalAliasWhoseWorkCanFail_Triggers() => Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task {|LAM202:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    var records = evt.Records;
                    foreach (var message in records)
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                }
            }
            """);

        [Fact]
        public Task MaterializedAliasWhoseWorkCanFail_Triggers_ForEachThatOnlyLogs_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.IO;
            using System.Linq;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public void {|LAM202:Materialized|}(SQSEvent evt, ILambdaContext context)
                {
                    var messages = evt.Records.ToList();
                    foreach (var message in messages)
                    {
                        File.Delete(message.Body);
                    }
                }

                public void Logged(SQSEvent evt, ILambdaContext context)
                {
                    evt.Records.ForEach(message => context.Logger.LogLine($"received {message.MessageId}"));
                }
            }
            """);

        [Fact]
        public Task BrokenHelperCall_DoesNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        {|CS0103:Missing|}(message);
                    }
                }
            }
            """);

        [Fact]
        public Task TasksCollectedInTheLoop_FromAHelperThatSwallows_DoesNotTrigger_FromAHelperThatCanFail_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task Guarded(SQSEvent evt, ILambdaContext context)
                {
                    var tasks = new List<Task>();
                    foreach (var message in evt.Records)
                    {
                        tasks.Add(SafeAsync(message));
                    }

                    await Task.WhenAll(tasks);
                }

                public async Task {|LAM202:Unguarded|}(SQSEvent evt, ILambdaContext context)
                {
                    var tasks = new List<Task>();
                    foreach (var message in evt.Records)
                    {
                        tasks.Add(File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body));
                    }

                    await Task.WhenAll(tasks);
                }

                private static async Task SafeAsync(SQSEvent.SQSMessage message)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }
            """);

        [Fact]
        public Task RecordsOnlyWrittenToTheLog_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Linq;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    context.Logger.LogLine($"first: {evt.Records.First().Body}, ids: {string.Join(",", evt.Records.Select(r => r.MessageId))}");
                }
            }
            """);

        [Fact]
        public Task KafkaLoopWithWorkOutsideTheOnlySpecificCatch_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KafkaEvents;

            public class Order { public string Id { get; set; } = ""; }

            public class OrderRejected : Exception { }

            public class Consumer
            {
                public async Task {|#0:OnOrders|}(KafkaEvent evt, ILambdaContext context)
                {
                    foreach (var partition in evt.Records)
                    foreach (var record in partition.Value)
                    {
                        var order = await JsonSerializer.DeserializeAsync<Order>(record.Value);
                        try { await Store(order!); }
                        catch (OrderRejected) { context.Logger.LogLine("rejected"); }
                    }
                }

                private static Task Store(Order order) => throw new OrderRejected();
            }
            """,
            Verify.Diagnostic("LAM202").WithLocation(0).WithArguments("Kafka", "Consumer.OnOrders", "", "a partial batch response"));

        [Fact]
        public Task KafkaLoopBodyInSwallowingTry_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KafkaEvents;

            public class Order { public string Id { get; set; } = ""; }

            public class Consumer
            {
                public async Task OnOrders(KafkaEvent evt, ILambdaContext context)
                {
                    foreach (var partition in evt.Records)
                    foreach (var record in partition.Value)
                    {
                        try { await JsonSerializer.DeserializeAsync<Order>(record.Value); }
                        catch (Exception ex) { context.Logger.LogLine(ex.Message); }
                    }
                }
            }
            """);

        [Fact]
        public Task CatchOrFinallyThatCallsOut_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.DynamoDBEvents;

            public class Relay
            {
                private static readonly HttpClient Http = new();

                public async Task {|LAM202:OnChanges|}(DynamoDBEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try { await Http.GetAsync("https://example.com/" + record.EventID); }
                        catch { await Http.GetAsync("https://example.com/failed"); }
                    }
                }

                public async Task {|LAM202:OnChangesFinally|}(DynamoDBEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try { await Http.GetAsync("https://example.com/" + record.EventID); }
                        catch { context.Logger.LogLine("failed"); }
                        finally { await Http.GetAsync("https://example.com/done"); }
                    }
                }
            }
            """);

        [Fact]
        public Task CatchThatOnlyLogsAndFinallyThatOnlyLogs_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.DynamoDBEvents;

            public class Relay
            {
                private static readonly HttpClient Http = new();

                public async Task OnChanges(DynamoDBEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try { await Http.GetAsync("https://example.com/" + record.EventID); }
                        catch (Exception ex) { context.Logger.LogLine(ex.Message); }
                        finally { context.Logger.LogLine("done " + record.EventID); }
                    }
                }
            }
            """);

        [Fact]
        public Task LoopThatDecodesTheRecordPayloadAndLogs_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.IO;
            using System.Text;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Tap
            {
                public void WithReader(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        context.Logger.LogLine(Payload(record.Kinesis));
                    }
                }

                public void WithBytes(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        var text = Encoding.UTF8.GetString(record.Kinesis.Data.ToArray());
                        context.Logger.LogLine(text);
                    }
                }

                private static string Payload(KinesisEvent.Record data)
                {
                    using var reader = new StreamReader(data.Data, Encoding.ASCII);
                    return reader.ReadToEnd();
                }
            }
            """);

        [Fact]
        public Task LoopThatReadsAFileOrParsesThePayload_Triggers() => Verify.VerifyAsync("""
            using System.IO;
            using System.Text;
            using System.Text.Json;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Tap
            {
                public void {|LAM202:FromFile|}(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        using var reader = new StreamReader(record.Kinesis.PartitionKey);
                        context.Logger.LogLine(reader.ReadToEnd());
                    }
                }

                public void {|LAM202:Parsed|}(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        var text = Encoding.UTF8.GetString(record.Kinesis.Data.ToArray());
                        context.Logger.LogLine(JsonDocument.Parse(text).RootElement.ToString());
                    }
                }
            }
            """);

        [Fact]
        public Task SingleRecordPickedIntoALocal_WorkThatCannotFail_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Reader
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var message = evt.Records.FirstOrDefault();
                    if (message is null) return;
                    await Note(message, context);
                }

                private static async Task Note(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    context.Logger.LogLine(message.Body);
                    try { } catch { }
                    await Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task SingleRecordPickedIntoALocal_WorkThatCanFail_Triggers() => Verify.VerifyAsync("""
            using System.Linq;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Order { public string Id { get; set; } = ""; }

            public class Reader
            {
                public async Task {|LAM202:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    var message = evt.Records.FirstOrDefault();
                    if (message is null) return;
                    var order = JsonSerializer.Deserialize<Order>(message.Body);
                    context.Logger.LogLine(order!.Id);
                    await Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task WithoutLambdaReferences_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.IO;

            public class Function
            {
                public void Handle(string[] records)
                {
                    foreach (var record in records)
                    {
                        File.Delete(record);
                    }
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
                    foreach (var message in input.Records)
                    {
                        await Task.Delay(message.Body.Length);
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
    }
}
