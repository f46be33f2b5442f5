using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using BatchVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.BatchResponseMismatchAnalyzer>;
using ClientVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AwsClientPerInvocationAnalyzer>;
using HandlerStringVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HandlerStringAnalyzer>;
using SwallowVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.FailureSwallowedAnalyzer>;

namespace LambdaAnalyzers.Tests.Lambda
{
    /// <summary>
    /// The ways RULES.md says a method is a handler that take no <c>ILambdaContext</c>: a method-level
    /// <c>[LambdaSerializer]</c>, and a Serverless Framework <c>serverless.yml</c> naming it (whose events give the trigger).
    /// </summary>
    public class HandlerDiscoveryTests
    {
        [Fact]
        public Task MethodLevelSerializerAttribute_MakesAHandler_WithoutContext_Triggers() => ClientVerify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Json = Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer;
            using Ser = Amazon.Lambda.Core.LambdaSerializerAttribute;

            public class Functions
            {
                [LambdaSerializer(typeof(Json))]
                public async Task<string> Hello(Request request)
                {
                    var s3 = {|#0:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return request.Name;
                }

                [Ser(typeof(Json))]
                public Task Aliased(Request request) => {|#1:new AmazonS3Client()|}.ListBucketsAsync();
            }

            public record Request(string Name);
            """,
            ClientVerify.Diagnostic("LAM001").WithLocation(0).WithArguments("AmazonS3Client", "Functions.Hello", "", "store it in a static readonly field so warm invocations reuse its credentials and connections"),
            ClientVerify.Diagnostic("LAM001").WithLocation(1).WithArguments("AmazonS3Client", "Functions.Aliased", "", "store it in a static readonly field so warm invocations reuse its credentials and connections"));

        /// <summary>The assembly-level serializer says nothing about which method is the handler; a method with an unrelated attribute is none either.</summary>
        [Fact]
        public Task AssemblySerializerOnly_OrOtherAttribute_DoesNotTrigger() => ClientVerify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

            public class Functions
            {
                public Task Plain(string request) => new AmazonS3Client().ListBucketsAsync();

                [Obsolete]
                public Task Attributed(string request) => new AmazonS3Client().ListBucketsAsync();
            }
            """);

        private const string ServerlessCode = """
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;

            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

            namespace AwsDotnetCsharp
            {
                public class Handler
                {
                    public Task Hello(Request request) => NEW_CLIENT_HELLO.ListBucketsAsync();

                    public Task NotDeployed(Request request) => new AmazonS3Client().ListBucketsAsync();

                    public async Task Consume(Order order)
                    {
                        try
                        {
                            await Task.Delay(1);
                        }
                        CATCH_CONSUME
                        {
                        }
                    }

                    public async Task Api(Order order)
                    {
                        try
                        {
                            await Task.Delay(1);
                        }
                        catch (Exception)
                        {
                        }
                    }

                    public SQSBatchResponse Partial(SQSEvent evt) => new SQSBatchResponse();
                }

                public record Request(string Key);

                public record Order(string Id);
            }
            """;

        private const string ServerlessYml = """
            service: orders
            provider:
              name: aws
              runtime: dotnet8
            package:
              individually: true
            functions:
              hello:
                handler: TestProject::AwsDotnetCsharp.Handler::Hello
                events:
                  - http:
                      path: hello
                      method: get
              consume:
                handler: TestProject::AwsDotnetCsharp.Handler::Consume
                events:
                  - sqs:
                      arn: arn:aws:sqs:us-east-1:123456789012:orders
                      batchSize: 10
              api:
                handler: TestProject::AwsDotnetCsharp.Handler::Api
                events:
                  - httpApi: 'POST /orders'
              partial:
                handler: TestProject::AwsDotnetCsharp.Handler::Partial
                events:
                  - sqs: arn:aws:sqs:us-east-1:123456789012:partial
            """;

        [Theory]
        [InlineData("serverless.yml")]
        [InlineData("serverless.yaml")]
        public async Task ServerlessFrameworkFunctions_AreHandlers(string fileName)
        {
            var test = new ClientVerify.AnalyzerTest { TestCode = ServerlessCode.Replace("NEW_CLIENT_HELLO", "{|#0:new AmazonS3Client()|}").Replace("CATCH_CONSUME", "catch (Exception)") };
            test.TestState.AdditionalFiles.Add((fileName, ServerlessYml));
            test.ExpectedDiagnostics.Add(ClientVerify.Diagnostic("LAM001").WithLocation(0).WithArguments(
                "AmazonS3Client", "Handler.Hello", "", "store it in a static readonly field so warm invocations reuse its credentials and connections"));
            await test.RunAsync();
        }

        /// <summary>The function's <c>events</c> give the trigger: the SQS consumer is at-least-once, the HTTP API is not.</summary>
        [Fact]
        public async Task ServerlessFrameworkEvents_GiveTheTrigger()
        {
            var test = new SwallowVerify.AnalyzerTest { TestCode = ServerlessCode.Replace("NEW_CLIENT_HELLO", "new AmazonS3Client()").Replace("CATCH_CONSUME", "{|#0:catch (Exception)|}") };
            test.TestState.AdditionalFiles.Add(("serverless.yml", ServerlessYml));
            test.ExpectedDiagnostics.Add(SwallowVerify.Diagnostic("LAM203").WithLocation(0).WithArguments("Handler.Consume", "", "SQS"));
            await test.RunAsync();
        }

        /// <summary>
        /// LAM402 reads a serverless.yml's <c>functionResponseType: ReportBatchItemFailures</c> on an <c>sqs</c> or
        /// <c>stream</c> event; the finding sits on the event's key.
        /// </summary>
        [Fact]
        public async Task ServerlessFrameworkBatchEvents_AreCheckedByLAM402()
        {
            var test = new BatchVerify.AnalyzerTest { TestCode = ServerlessCode.Replace("NEW_CLIENT_HELLO", "new AmazonS3Client()").Replace("CATCH_CONSUME", "catch (Exception)") };
            test.TestState.AdditionalFiles.Add(("serverless.yml", """
                service: orders
                provider:
                  name: aws
                  runtime: dotnet8
                functions:
                  consume:
                    handler: TestProject::AwsDotnetCsharp.Handler::Consume
                    events:
                      - sqs:
                          arn: arn:aws:sqs:us-east-1:123456789012:orders
                  partialWithout:
                    handler: TestProject::AwsDotnetCsharp.Handler::Partial
                    events:
                      - {|#0:sqs|}: arn:aws:sqs:us-east-1:123456789012:partial
                  partialWith:
                    handler: TestProject::AwsDotnetCsharp.Handler::Partial
                    events:
                      - sqs:
                          arn: arn:aws:sqs:us-east-1:123456789012:partial
                          functionResponseType: ReportBatchItemFailures
                  wholeWith:
                    handler: TestProject::AwsDotnetCsharp.Handler::Consume
                    events:
                      - {|#1:stream|}:
                          type: dynamodb
                          arn: arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/1
                          functionResponseType: ReportBatchItemFailures
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM402", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
                "'Handler.Partial' returns a partial batch response, but event 'sqs' of 'partialWithout' does not enable ReportBatchItemFailures: Lambda ignores the response and deletes every message of the batch, the failed ones included"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM402", DiagnosticSeverity.Error).WithLocation(1).WithArguments(
                "Event 'stream' of 'wholeWith' enables ReportBatchItemFailures, but 'Handler.Consume' returns no partial batch response: the failures it should report are never reported"));
            await test.RunAsync();
        }

        private const string AnnotationsCode = """
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Annotations;

            namespace Orders
            {
                public class Functions
                {
                    [LambdaFunction]
                    public async Task Consume(Order order)
                    {
                        try
                        {
                            await Task.Delay(1);
                        }
                        CATCH_CONSUME
                        {
                        }
                    }
                }

                public record Order(string Id);
            }
            """;

        /// <summary>
        /// A template naming the Annotations wrapper <c>Functions_Consume_Generated::Consume</c>, before the generator
        /// has written it, deploys <c>Functions.Consume</c>: its events give that method's trigger.
        /// </summary>
        [Fact]
        public async Task AnnotationsGeneratedName_GivesTheTemplateTrigger_ToTheAnnotatedMethod()
        {
            var test = new SwallowVerify.AnalyzerTest { TestCode = AnnotationsCode.Replace("CATCH_CONSUME", "{|#0:catch (Exception)|}") };
            test.TestState.AdditionalFiles.Add(("serverless.template", """
                {
                  "Resources": {
                    "Consume": {
                      "Type": "AWS::Serverless::Function",
                      "Properties": {
                        "Runtime": "dotnet8",
                        "Handler": "TestProject::Orders.Functions_Consume_Generated::Consume",
                        "Events": { "Orders": { "Type": "SQS", "Properties": { "Queue": { "Fn::GetAtt": ["Orders", "Arn"] } } } }
                      }
                    }
                  }
                }
                """));
            test.ExpectedDiagnostics.Add(SwallowVerify.Diagnostic("LAM203").WithLocation(0).WithArguments("Functions.Consume", "", "SQS"));
            await test.RunAsync();
        }

        [Fact]
        public async Task AnnotationsGeneratedName_WithAnApiEvent_DoesNotTrigger()
        {
            var test = new SwallowVerify.AnalyzerTest { TestCode = AnnotationsCode.Replace("CATCH_CONSUME", "catch (Exception)") };
            test.TestState.AdditionalFiles.Add(("serverless.template", """
                {
                  "Resources": {
                    "Consume": {
                      "Type": "AWS::Serverless::Function",
                      "Properties": {
                        "Runtime": "dotnet8",
                        "Handler": "TestProject::Orders.Functions_Consume_Generated::Consume",
                        "Events": { "Get": { "Type": "Api", "Properties": { "Path": "/", "Method": "get" } } }
                      }
                    }
                  }
                }
                """));
            await test.RunAsync();
        }

        [Fact]
        public async Task ServerlessFrameworkHandlerStrings_AreCheckedByLAM401()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = ServerlessCode.Replace("NEW_CLIENT_HELLO", "new AmazonS3Client()").Replace("CATCH_CONSUME", "catch (Exception)") };
            test.TestState.AdditionalFiles.Add(("serverless.yml", """
                service: orders
                provider:
                  name: aws
                  runtime: dotnet8
                functions:
                  hello:
                    handler: TestProject::AwsDotnetCsharp.Handler::Hello
                  typo:
                    handler: {|#0:TestProject::AwsDotnetCsharp.Handler::Helo|}
                  custom:
                    runtime: provided.al2023
                    handler: bootstrap
                  variable:
                    handler: ${self:custom.handler}
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM401", DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("TestProject::AwsDotnetCsharp.Handler::Helo", "typo", "type 'AwsDotnetCsharp.Handler' has no method 'Helo'; did you mean 'Hello'?"));
            await test.RunAsync();
        }
    }
}
