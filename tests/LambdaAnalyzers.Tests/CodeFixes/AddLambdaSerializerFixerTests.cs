using Fix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HandlerContractAnalyzer, LambdaAnalyzers.CodeFixes.Rules.AddLambdaSerializerFixer>;

namespace LambdaAnalyzers.Tests.CodeFixes
{
    public class AddLambdaSerializerFixerTests
    {
        private const string Template = """
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: TestProject::Orders.OrderHandler::Handle
            """;

        [Fact]
        public async Task Fix_AddsTheAssemblySerializer_AndTheHandlerLoads()
        {
            var test = new Fix.CodeFixTest
            {
                TestCode = """
                    using Amazon.Lambda.Core;

                    namespace Orders
                    {
                        public class OrderHandler
                        {
                            public Order {|LAM306:Handle|}(Order order, ILambdaContext context) => order;
                        }

                        public record Order(string Id);
                    }
                    """,
                FixedCode = """
                    using Amazon.Lambda.Core;

                    [assembly: Amazon.Lambda.Core.LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

                    namespace Orders
                    {
                        public class OrderHandler
                        {
                            public Order Handle(Order order, ILambdaContext context) => order;
                        }

                        public record Order(string Id);
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", Template));
            await test.RunAsync();
        }

        [Fact]
        public async Task NoFix_ForReasonsASerializerDoesNotSolve()
        {
            const string source = """
                using System.IO;
                using Amazon.Lambda.Core;

                namespace Orders
                {
                    public class OrderHandler
                    {
                        public OrderHandler(string table) { }

                        public Stream {|LAM306:Handle|}(Stream input, ILambdaContext context) => input;
                    }
                }
                """;
            var test = new Fix.CodeFixTest { TestCode = source, FixedCode = source };
            test.TestState.AdditionalFiles.Add(("template.yaml", Template));
            await test.RunAsync();
        }
    }
}
