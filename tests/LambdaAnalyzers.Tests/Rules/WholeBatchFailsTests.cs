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
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM202").WithLocation(0).WithArguments("SQS", "top-level handler lambda", "SQSBatchResponse"));
            await test.RunAsync();
        }

        [Fact]
        public Task SqsLoopWithoutPartialResponse_Triggers_OnHandlerName() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async Task {|#0:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await ProcessAsync(message.Body);
                    }
                }

                private static Task ProcessAsync(string body) => Task.CompletedTask;
            }
            """,
            Verify.Diagnostic("LAM202").WithLocation(0).WithArguments("SQS", "OrderHandler.Handle", "SQSBatchResponse"));

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
                    => Task.WhenAll(evt.Records.Select(r => Task.CompletedTask));

                public void {|LAM202:OnDynamo|}(DynamoDBEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        try { Console.WriteLine(record.EventID); }
                        catch (Exception) { context.Logger.LogLine("failed"); throw; }
                    }
                }
            }
            """);

        [Fact]
        public Task PartialResponseGuardedLoopOtherTriggersAndKafka_DoNotTrigger() => Verify.VerifyAsync("""
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
    }
}
