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
    }
}
