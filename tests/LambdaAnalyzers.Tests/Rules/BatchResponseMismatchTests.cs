using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using BatchVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.BatchResponseMismatchAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class BatchResponseMismatchTests
    {
        [Fact]
        public async Task LAM402_PartialResponseWithoutReportBatchItemFailures_AndTheReverse()
        {
            var test = new BatchVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  PartialWithout:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Partial
                      Events:
                        {|#0:Orders|}:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt OrdersQueue.Arn
                  PartialWith:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Partial
                      Events:
                        Orders:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt OrdersQueue.Arn
                            FunctionResponseTypes: [ReportBatchItemFailures]
                  WholeWith:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Events:
                        {|#1:Orders|}:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt OrdersQueue.Arn
                            FunctionResponseTypes:
                              - ReportBatchItemFailures
                  WholeWithout:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Events:
                        Orders:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt OrdersQueue.Arn
                """));
            test.ExpectedDiagnostics.Add(Error("LAM402", 0).WithArguments("'Handlers.Partial' returns a partial batch response, but event 'Orders' of 'PartialWithout' does not enable ReportBatchItemFailures: Lambda ignores the response and deletes every message of the batch, the failed ones included"));
            test.ExpectedDiagnostics.Add(Error("LAM402", 1).WithArguments("Event 'Orders' of 'WholeWith' enables ReportBatchItemFailures, but 'Handlers.Whole' returns no partial batch response: the failures it should report are never reported"));
            await test.RunAsync();
        }

        private static DiagnosticResult Error(string id, int location) => new DiagnosticResult(id, DiagnosticSeverity.Error).WithLocation(location);

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = BatchVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  WholeWith:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Events:
                        Orders:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt OrdersQueue.Arn
                            FunctionResponseTypes: [ReportBatchItemFailures]
                """));
            await test.RunAsync();
        }

        // ---- LAM402: a partial batch response model of the project's own ----

        /// <summary>
        /// Lambda reads the response's JSON, not its .NET type: a model of the project's own with a
        /// <c>BatchItemFailures</c> list (serialized as <c>batchItemFailures</c>) is a partial batch response like
        /// <c>StreamsEventResponse</c>, and agrees with ReportBatchItemFailures; without it, Lambda ignores it.
        /// </summary>
        [Fact]
        public async Task LAM402_OwnResponseModelWithBatchItemFailures_CountsAsAPartialBatchResponse()
        {
            var test = new BatchVerify.AnalyzerTest
            {
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.KinesisEvents;

                    [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

                    namespace Orders
                    {
                        public class BatchResult
                        {
                            public IList<Failure> BatchItemFailures { get; set; } = new List<Failure>();

                            public class Failure
                            {
                                public string ItemIdentifier { get; set; } = "";
                            }
                        }

                        public class Summary
                        {
                            public int Processed { get; set; }
                        }

                        public class Handlers
                        {
                            public Task<BatchResult> Partial(KinesisEvent evt, ILambdaContext context) => Task.FromResult(new BatchResult());
                            public Task<Summary> Whole(KinesisEvent evt, ILambdaContext context) => Task.FromResult(new Summary());
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  PartialWith:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Partial
                      Events:
                        Records: { Type: Kinesis, Properties: { Stream: !GetAtt Stream.Arn, FunctionResponseTypes: [ReportBatchItemFailures] } }
                  PartialWithout:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Partial
                      Events:
                        {|#0:Records|}: { Type: Kinesis, Properties: { Stream: !GetAtt Stream.Arn } }
                  SummaryWith:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Events:
                        {|#1:Records|}: { Type: Kinesis, Properties: { Stream: !GetAtt Stream.Arn, FunctionResponseTypes: [ReportBatchItemFailures] } }
                """));
            test.ExpectedDiagnostics.Add(Error("LAM402", 0).WithArguments("'Handlers.Partial' returns a partial batch response, but event 'Records' of 'PartialWithout' does not enable ReportBatchItemFailures: Lambda ignores the response and deletes every message of the batch, the failed ones included"));
            test.ExpectedDiagnostics.Add(Error("LAM402", 1).WithArguments("Event 'Records' of 'SummaryWith' enables ReportBatchItemFailures, but 'Handlers.Whole' returns no partial batch response: the failures it should report are never reported"));
            await test.RunAsync();
        }

        /// <summary>A return type the compilation cannot resolve (a response type of a package not restored) may be a partial batch response: the rule stays silent.</summary>
        [Fact]
        public async Task LAM402_UnresolvedResponseType_DoesNotTrigger()
        {
            var test = new BatchVerify.AnalyzerTest
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.SQSEvents;

                    [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

                    namespace Orders
                    {
                        public class Handlers
                        {
                            public {|CS0246:FailuresResponse|} Sync(SQSEvent evt, ILambdaContext context) => null!;
                            public Task<{|CS0246:FailuresResponse|}> Async(SQSEvent evt, ILambdaContext context) => null!;
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  SyncWith:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Sync
                      Events:
                        Orders: { Type: SQS, Properties: { Queue: !GetAtt OrdersQueue.Arn, FunctionResponseTypes: [ReportBatchItemFailures] } }
                  AsyncWithout:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Async
                      Events:
                        Orders: { Type: SQS, Properties: { Queue: !GetAtt OrdersQueue.Arn } }
                """));
            await test.RunAsync();
        }
    }
}
