using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using BatchVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.BatchResponseMismatchAnalyzer>;
using DlqVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SqsDeadLetterQueueOnFunctionAnalyzer>;
using DroppedVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AsyncFailuresDroppedAnalyzer>;
using SecretVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.TemplateSecretAnalyzer>;
using VisibilityVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.VisibilityTimeoutAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class TemplateRulesTests
    {
        private const string Code = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

            namespace Orders
            {
                public class Handlers
                {
                    public Task<SQSBatchResponse> Partial(SQSEvent evt, ILambdaContext context) => Task.FromResult(new SQSBatchResponse());
                    public Task Whole(SQSEvent evt, ILambdaContext context) => Task.CompletedTask;
                    public void OnUpload(Amazon.Lambda.S3Events.S3Event evt, ILambdaContext context) { }
                }
            }
            """;

        [Fact]
        public async Task LAM402_PartialResponseWithoutReportBatchItemFailures_AndTheReverse()
        {
            var test = new BatchVerify.AnalyzerTest { TestCode = Code };
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

        [Fact]
        public async Task LAM403_DeadLetterQueueOnAnSqsFunction_WithoutRedriveOnTheQueue()
        {
            var test = new DlqVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      {|#0:DeadLetterQueue|}:
                        Type: SQS
                        TargetArn: !GetAtt Dlq.Arn
                      Events:
                        Orders: { Type: SQS, Properties: { Queue: !GetAtt OrdersQueue.Arn } }
                  Redriven:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
                      Events:
                        Orders: { Type: SQS, Properties: { Queue: { "Fn::GetAtt": [ "RedrivenQueue", "Arn" ] } } }
                  OrdersQueue:
                    Type: AWS::SQS::Queue
                  RedrivenQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }
                  Dlq:
                    Type: AWS::SQS::Queue
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM403", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Consumer", "OrdersQueue"));
            await test.RunAsync();
        }

        [Fact]
        public async Task LAM404_AsyncTriggerWithoutDestinationOrDeadLetterQueue()
        {
            var test = new DroppedVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  {|#0:Thumbnails|}:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::OnUpload
                      Events:
                        Upload: { Type: S3, Properties: { Bucket: !Ref Uploads, Events: s3:ObjectCreated:* } }
                  WithDestination:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::OnUpload
                      EventInvokeConfig:
                        DestinationConfig:
                          OnFailure: { Type: SQS, Destination: !GetAtt Failures.Arn }
                      Events:
                        Upload: { Type: S3, Properties: { Bucket: !Ref Uploads } }
                  WithDlq:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::OnUpload
                      DeadLetterQueue: { Type: SNS, TargetArn: !Ref FailureTopic }
                      Events:
                        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
                  WithSeparateConfig:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::OnUpload
                      Events:
                        Upload: { Type: S3, Properties: { Bucket: !Ref Uploads } }
                  SeparateConfig:
                    Type: AWS::Lambda::EventInvokeConfig
                    Properties:
                      FunctionName: !Ref WithSeparateConfig
                      Qualifier: $LATEST
                      DestinationConfig: { OnFailure: { Destination: !GetAtt Failures.Arn } }
                  Api:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Events:
                        Get: { Type: Api, Properties: { Path: /, Method: get } }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM404", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Thumbnails", "S3"));
            await test.RunAsync();
        }

        /// <summary>
        /// A Serverless Framework function keeps its failed asynchronous events with <c>onError</c> (a dead-letter
        /// topic) or <c>destinations.onFailure</c>; without either they are dropped. The finding sits on the function's key.
        /// </summary>
        [Fact]
        public async Task LAM404_ServerlessFramework_AsyncEventsWithoutOnErrorOrOnFailure()
        {
            var test = new DroppedVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("serverless.yml", """
                service: orders
                provider:
                  name: aws
                  runtime: dotnet8
                functions:
                  {|#0:thumbnails|}:
                    handler: TestProject::Orders.Handlers::OnUpload
                    events:
                      - s3:
                          bucket: uploads
                          event: s3:ObjectCreated:*
                  {|#1:nightly|}:
                    handler: TestProject::Orders.Handlers::OnUpload
                    destinations:
                      onSuccess: arn:aws:sqs:us-east-1:123456789012:done
                    events:
                      - schedule: rate(1 day)
                      - eventBridge:
                          pattern: { source: [orders] }
                  withDlq:
                    handler: TestProject::Orders.Handlers::OnUpload
                    onError: arn:aws:sns:us-east-1:123456789012:failures
                    events:
                      - sns: orders-topic
                  withDestination:
                    handler: TestProject::Orders.Handlers::OnUpload
                    destinations:
                      onFailure: arn:aws:sqs:us-east-1:123456789012:failures
                    events:
                      - eventBridge:
                          pattern: { source: [orders] }
                  queue:
                    handler: TestProject::Orders.Handlers::Whole
                    events:
                      - sqs: arn:aws:sqs:us-east-1:123456789012:orders
                  api:
                    handler: TestProject::Orders.Handlers::Whole
                    events:
                      - httpApi: 'GET /orders'
                  noEvents:
                    handler: TestProject::Orders.Handlers::Whole
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM404", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("thumbnails", "S3"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM404", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("nightly", "Schedule, EventBridgeRule"));
            await test.RunAsync();
        }

        /// <summary>Cognito user pool triggers are synchronous: Cognito waits for the answer, nothing is queued to be dropped.</summary>
        [Fact]
        public async Task LAM404_CognitoTrigger_IsSynchronous_DoesNotTrigger()
        {
            var test = new DroppedVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  PreSignUp:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Events:
                        SignUp: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: PreSignUp } }
                """));
            test.TestState.AdditionalFiles.Add(("serverless.yml", """
                service: users
                functions:
                  preSignUp:
                    handler: TestProject::Orders.Handlers::Whole
                    events:
                      - cognitoUserPool: { pool: users, trigger: PreSignUp }
                """));
            await test.RunAsync();
        }

        [Fact]
        public async Task LAM405_LiteralSecretsInEnvironment_NotReferencesArnsOrParameterNames()
        {
            var test = new SecretVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Globals:
                  Function:
                    Environment:
                      Variables:
                        {|#0:STRIPE_API_KEY|}: sk_live_51H8s9dKq
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Environment:
                        Variables:
                          {|#1:DB_PASSWORD|}: "hunter2!"
                          DB_PASSWORD_ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db
                          DB_PASSWORD_PARAMETER: /orders/db/password
                          API_TOKEN: '{{resolve:secretsmanager:orders/api:SecretString:token}}'
                          JWT_SECRET: !Ref JwtSecretParameter
                          CLIENT_SECRET: !Sub '{{resolve:ssm:/orders/${Stage}/client-secret}}'
                          TABLE_NAME: orders
                          SMTP_PASSWORD: changeme
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM405", DiagnosticSeverity.Error).WithLocation(1).WithArguments("DB_PASSWORD", "Orders"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM405", DiagnosticSeverity.Error).WithLocation(0).WithArguments("STRIPE_API_KEY", "Orders"));
            await test.RunAsync();
        }

        [Fact]
        public async Task LAM406_VisibilityTimeoutUnderSixTimesTheFunctionTimeout()
        {
            var test = new VisibilityVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Globals:
                  Function:
                    Timeout: 20
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Events:
                        Short: { Type: SQS, Properties: { Queue: !GetAtt ShortQueue.Arn } }
                        Default: { Type: SQS, Properties: { Queue: !GetAtt DefaultQueue.Arn } }
                        Long: { Type: SQS, Properties: { Queue: !GetAtt LongQueue.Arn } }
                        Parameter: { Type: SQS, Properties: { Queue: !GetAtt ParameterQueue.Arn } }
                  ShortQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: {|#0:60|}
                  {|#1:DefaultQueue|}:
                    Type: AWS::SQS::Queue
                  LongQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 120
                  ParameterQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: !Ref VisibilityParameter
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM406", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("ShortQueue", 60, 20, "Consumer", 120));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM406", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("DefaultQueue", 30, 20, "Consumer", 120));
            await test.RunAsync();
        }

        private static DiagnosticResult Error(string id, int location) => new DiagnosticResult(id, DiagnosticSeverity.Error).WithLocation(location);

        // ---- A template above the project folder (a solution-level SAM template) ----

        /// <summary>
        /// The package adds the nearest template above the project: of its functions, only those whose CodeUri is
        /// this project's folder are this project's; the others (another project's, the template folder's own, a
        /// packaged artifact) belong to other compilations and are not reported here.
        /// </summary>
        [Fact]
        public async Task LAM404_TemplateAboveTheProject_ChecksOnlyTheFunctionsDeployingThisProject()
        {
            var test = new DroppedVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.projectdir = /repo/jobs/src/Orders/\n"));
            test.TestState.AdditionalFiles.Add(("/repo/jobs/template.yaml", """
                Resources:
                  {|#0:Nightly|}:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: ./src/Orders/
                      Handler: TestProject::Orders.Handlers::OnUpload
                      Events:
                        Daily: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
                  OtherProject:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: ./src/Billing/
                      Handler: Billing::Billing.Handler::Handle
                      Events:
                        Daily: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
                  TemplateFolder:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::OnUpload
                      Events:
                        Upload: { Type: S3, Properties: { Bucket: !Ref Uploads } }
                  Packaged:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: { Bucket: artifacts, Key: orders.zip }
                      Handler: TestProject::Orders.Handlers::OnUpload
                      Events:
                        Upload: { Type: S3, Properties: { Bucket: !Ref Uploads } }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM404", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Nightly", "Schedule"));
            await test.RunAsync();
        }

        /// <summary>A template in the project folder is the project's own: every function in it is checked, whatever its CodeUri (often a publish folder).</summary>
        [Fact]
        public async Task LAM404_TemplateInTheProjectFolder_ChecksEveryFunction()
        {
            var test = new DroppedVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.projectdir = /repo/jobs/src/Orders/\n"));
            test.TestState.AdditionalFiles.Add(("/repo/jobs/src/Orders/template.yaml", """
                Resources:
                  {|#0:Published|}:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: bin/Release/net8.0/publish
                      Handler: TestProject::Orders.Handlers::OnUpload
                      Events:
                        Daily: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM404", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Published", "Schedule"));
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
