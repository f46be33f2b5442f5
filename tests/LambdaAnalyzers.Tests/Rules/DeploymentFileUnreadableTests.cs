using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using UnreadableVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.DeploymentFileUnreadableAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class DeploymentFileUnreadableTests
    {
        [Fact]
        public async Task MalformedYaml_IsReportedOnce_AtTheLine_AndOtherFilesStillWork()
        {
            var test = new UnreadableVerify.AnalyzerTest { TestCode = "public class Handler { public void Handle(string input, Amazon.Lambda.Core.ILambdaContext context) { } }" };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#0:"unterminated|}
                      Timeout: 30
                """));
            test.TestState.AdditionalFiles.Add(("serverless.template", "{|#1:|}"));
            test.TestState.AdditionalFiles.Add(("template.yml", """
                Resources:
                  Fine:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: !Sub '${AWS::StackName}-handler'
                      Events:
                        Queue: { Type: SQS, Properties: { Queue: !GetAtt OrdersQueue.Arn } }
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM400", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("template.yaml", "While scanning a multi-line double-quoted scalar, found wrong indentation"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM400", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("serverless.template", "the file is empty"));
            await test.RunAsync();
        }

        /// <summary>
        /// The parser fails on some input with a bare exception of its own (an InvalidOperationException, an
        /// ArgumentException) or at an empty mark; the diagnostic still says what is wrong, and where.
        /// </summary>
        [Fact]
        public async Task ParserFailures_WithoutAMessageOrPosition_AreReportedWithTheirCause()
        {
            var test = new UnreadableVerify.AnalyzerTest { TestCode = "public class Handler { public void Handle(string input, Amazon.Lambda.Core.ILambdaContext context) { } }" };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Fn:
                    Properties: { Handler: x,
                  {|#0:Other: y|}
                """));
            test.TestState.AdditionalFiles.Add(("template.yml", """
                Resources:
                  :{|#1: ReceiptFunction|}
                """));
            test.TestState.AdditionalFiles.Add(("serverless.template", """
                Resources: {|#2:*Functions|}
                """));
            test.ExpectedDiagnostics.Add(Warning(0, "template.yaml", "While scanning a plain scalar inside a flow collection, found a line indented less than the block that holds the collection (is a '}' or ']' missing?)"));
            test.ExpectedDiagnostics.Add(Warning(1, "template.yml", "While loading a mapping, found the end of the mapping where the value of the key at this point should be"));
            test.ExpectedDiagnostics.Add(Warning(2, "serverless.template", "The anchor 'Functions' does not exists"));
            await test.RunAsync();
        }

        private static DiagnosticResult Warning(int location, string file, string reason)
            => new DiagnosticResult("LAM400", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(file, reason);

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = UnreadableVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: "unterminated
                      Timeout: 30
                """));
            await test.RunAsync();
        }

        /// <summary>
        /// A template above the project is another folder's business when it cannot be read: the project's build
        /// does not warn about it (a malformed one in the project folder still is reported).
        /// </summary>
        [Fact]
        public async Task UnreadableTemplateAboveTheProject_IsNotReported_OneInTheProjectFolderIs()
        {
            var test = new UnreadableVerify.AnalyzerTest { TestCode = "public class Handler { public void Handle(string input, Amazon.Lambda.Core.ILambdaContext context) { } }" };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.projectdir = /repo/src/Orders/\n"));
            test.TestState.AdditionalFiles.Add(("/repo/template.yaml", """
                Resources:
                  Orders:
                    Properties:
                      Handler: "unterminated
                """));
            test.TestState.AdditionalFiles.Add(("/repo/src/Orders/serverless.template", "{|#0:|}"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM400", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("serverless.template", "the file is empty"));
            await test.RunAsync();
        }
    }
}
