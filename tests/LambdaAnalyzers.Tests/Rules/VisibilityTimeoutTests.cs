using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VisibilityVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.VisibilityTimeoutAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class VisibilityTimeoutTests
    {
        [Fact]
        public async Task LAM406_VisibilityTimeoutUnderSixTimesTheFunctionTimeout()
        {
            var test = new VisibilityVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = VisibilityVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
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
                  ShortQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 60
                """));
            await test.RunAsync();
        }
    }
}
