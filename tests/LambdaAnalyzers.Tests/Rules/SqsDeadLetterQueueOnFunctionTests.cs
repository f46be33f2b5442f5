using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using DlqVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SqsDeadLetterQueueOnFunctionAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class SqsDeadLetterQueueOnFunctionTests
    {
        [Fact]
        public async Task LAM403_DeadLetterQueueOnAnSqsFunction_WithoutRedriveOnTheQueue()
        {
            var test = new DlqVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = DlqVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      DeadLetterQueue:
                        Type: SQS
                        TargetArn: !GetAtt Dlq.Arn
                      Events:
                        Orders: { Type: SQS, Properties: { Queue: !GetAtt OrdersQueue.Arn } }
                  OrdersQueue:
                    Type: AWS::SQS::Queue
                  Dlq:
                    Type: AWS::SQS::Queue
                """));
            await test.RunAsync();
        }
    }
}
