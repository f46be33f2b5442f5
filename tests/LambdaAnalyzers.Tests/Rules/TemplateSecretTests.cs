using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SecretVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.TemplateSecretAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class TemplateSecretTests
    {
        [Fact]
        public async Task LAM405_LiteralSecretsInEnvironment_NotReferencesArnsOrParameterNames()
        {
            var test = new SecretVerify.AnalyzerTest { TestCode = DeploymentTestCode.SqsAndS3Handlers };
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

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = SecretVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Whole
                      Environment:
                        Variables:
                          DB_PASSWORD: "hunter2!"
                """));
            await test.RunAsync();
        }
    }
}
