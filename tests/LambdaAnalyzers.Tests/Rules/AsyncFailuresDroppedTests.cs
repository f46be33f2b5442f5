using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using DroppedVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AsyncFailuresDroppedAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class AsyncFailuresDroppedTests
    {
        [Fact]
        public async Task LAM404_AsyncTriggerWithoutDestinationOrDeadLetterQueue()
        {
            var test = new DroppedVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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
            var test = new DroppedVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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
            var test = new DroppedVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = DroppedVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Thumbnails:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::OnUpload
                      Events:
                        Upload: { Type: S3, Properties: { Bucket: !Ref Uploads, Events: s3:ObjectCreated:* } }
                """));
            await test.RunAsync();
        }

        // ---- A template above the project folder (a solution-level SAM template) ----

        /// <summary>
        /// The package adds the nearest template above the project: of its functions, only those whose CodeUri is
        /// this project's folder are this project's; the others (another project's, the template folder's own, a
        /// packaged artifact) belong to other compilations and are not reported here.
        /// </summary>
        [Fact]
        public async Task LAM404_TemplateAboveTheProject_ChecksOnlyTheFunctionsDeployingThisProject()
        {
            var test = new DroppedVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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
            var test = new DroppedVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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
    }
}
