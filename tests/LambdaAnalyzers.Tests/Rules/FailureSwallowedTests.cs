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
            Verify.Diagnostic("LAM203").WithLocation(0).WithArguments("OrderHandler.Handle", "SQS"));

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
        public Task CatchInCallee_DoesNotTrigger_RuleIsAboutTheHandlerItself() => Verify.VerifyAsync("""
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
    }
}
