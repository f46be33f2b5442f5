using System.Linq;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ContractVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HandlerContractAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class HandlerContractTests
    {
        [Fact]
        public async Task EveryRefusal_IsReportedOnTheHandlersName()
        {
            var test = new ContractVerify.AnalyzerTest
            {
                TestCode = """
                    using System.IO;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;

                    namespace Orders
                    {
                        public class Handlers
                        {
                            public Handlers(string table) { }

                            public static Stream {|#0:TooMany|}(Stream input, ILambdaContext context, int extra) => input;
                            public static Stream {|#1:WrongSecond|}(Stream input, string context) => input;
                            public static Task<Order> {|#2:NeedsSerializer|}(Order order, ILambdaContext context) => Task.FromResult(order);
                            public static Stream {|#3:Generic|}<T>(Stream input) => input;
                            public static Stream {|#4:Params|}(params Stream[] inputs) => inputs[0];
                            public Stream {|#5:NoDefaultConstructor|}(Stream input) => input;
                        }

                        public abstract class AbstractHandler
                        {
                            public abstract Stream {|#6:Handle|}(Stream input);
                        }

                        public class Generic<T>
                        {
                            public static Stream {|#7:Handle|}(Stream input) => input;
                        }

                        public record Order(string Id);
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", Template(
                "Orders.Handlers::TooMany", "Orders.Handlers::WrongSecond", "Orders.Handlers::NeedsSerializer", "Orders.Handlers::Generic",
                "Orders.Handlers::Params", "Orders.Handlers::NoDefaultConstructor", "Orders.AbstractHandler::Handle", "Orders.Generic`1::Handle")));
            test.ExpectedDiagnostics.Add(Refusal(0, "Handlers.TooMany", "F0", "the method has more than 2 parameters"));
            test.ExpectedDiagnostics.Add(Refusal(1, "Handlers.WrongSecond", "F1", "its second parameter must be ILambdaContext"));
            test.ExpectedDiagnostics.Add(Refusal(2, "Handlers.NeedsSerializer", "F2", "it takes or returns a type other than Stream and no [LambdaSerializer] is on the method or the assembly ('Could not find the LambdaSerializerAttribute')"));
            test.ExpectedDiagnostics.Add(Refusal(3, "Handlers.Generic", "F3", "a generic method cannot be a handler"));
            test.ExpectedDiagnostics.Add(Refusal(4, "Handlers.Params", "F4", "a params parameter is not supported"));
            test.ExpectedDiagnostics.Add(Refusal(4, "Handlers.Params", "F4", "it takes or returns a type other than Stream and no [LambdaSerializer] is on the method or the assembly ('Could not find the LambdaSerializerAttribute')"));
            test.ExpectedDiagnostics.Add(Refusal(5, "Handlers.NoDefaultConstructor", "F5", "the runtime cannot create an instance of 'Handlers' (it needs a non-abstract type with a public parameterless constructor, or a static handler)"));
            test.ExpectedDiagnostics.Add(Refusal(6, "AbstractHandler.Handle", "F6", "an abstract method cannot be a handler"));
            test.ExpectedDiagnostics.Add(Refusal(6, "AbstractHandler.Handle", "F6", "the runtime cannot create an instance of 'AbstractHandler' (it needs a non-abstract type with a public parameterless constructor, or a static handler)"));
            test.ExpectedDiagnostics.Add(Refusal(7, "Generic.Handle", "F7", "its type 'Generic' is generic, and the runtime cannot close it"));
            await test.RunAsync();
        }

        [Fact]
        public async Task LoadableHandlers_AndHelpersNoFileNames_DoNotTrigger()
        {
            var test = new ContractVerify.AnalyzerTest
            {
                TestCode = """
                    using System.IO;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;

                    namespace Orders
                    {
                        public class Handlers
                        {
                            public Stream StreamInOut(Stream input, ILambdaContext context) => input;
                            public Task InputOnlyStream(Stream input) => Task.CompletedTask;
                            public static Stream StaticOnClassWithoutDefaultConstructor(Stream input) => input;

                            [LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]
                            public Order MethodSerializer(Order order) => order;

                            public Stream Helper(Stream a, Stream b, ILambdaContext context) => a;
                        }

                        public class Annotated
                        {
                            [Amazon.Lambda.Annotations.LambdaFunction]
                            public Order Handle(Order order, ILambdaContext context, string extra) => order;
                        }

                        public class Constructed
                        {
                            public Constructed(string table) { }

                            public static Stream Handle(Stream input) => input;
                        }

                        public record Order(string Id);
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", Template(
                "Orders.Handlers::StreamInOut", "Orders.Handlers::InputOnlyStream", "Orders.Constructed::Handle", "Orders.Handlers::MethodSerializer", "Orders.Annotated::Handle")));
            await test.RunAsync();
        }

        /// <summary>
        /// The runtime loads the type the handler string names and calls the inherited method on it: a concrete
        /// class deriving from a generic abstract base is loadable, and is what the checks look at.
        /// </summary>
        [Fact]
        public async Task HandlerInheritedFromGenericAbstractBase_IsCheckedOnTheNamedType()
        {
            var test = new ContractVerify.AnalyzerTest
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;

                    [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

                    namespace Orders
                    {
                        public abstract class FunctionBase<TInput>
                        {
                            public async Task<string> {|#0:FunctionHandler|}(TInput input, ILambdaContext context) => await Process(input);

                            protected abstract Task<string> Process(TInput input);
                        }

                        public class OrderFunction : FunctionBase<Order>
                        {
                            protected override Task<string> Process(Order input) => Task.FromResult(input.Id);
                        }

                        public class ConfiguredFunction : FunctionBase<Order>
                        {
                            public ConfiguredFunction(string table) { }

                            protected override Task<string> Process(Order input) => Task.FromResult(input.Id);
                        }

                        public record Order(string Id);
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", Template("Orders.OrderFunction::FunctionHandler", "Orders.ConfiguredFunction::FunctionHandler")));
            test.ExpectedDiagnostics.Add(Refusal(0, "FunctionBase.FunctionHandler", "F1", "the runtime cannot create an instance of 'ConfiguredFunction' (it needs a non-abstract type with a public parameterless constructor, or a static handler)"));
            await test.RunAsync();
        }

        /// <summary>Whether an input needs a serializer depends on its type: an unresolved type (a missing package) says nothing.</summary>
        [Fact]
        public async Task HandlerWithUnresolvedParameterType_DoesNotTrigger()
        {
            var test = new ContractVerify.AnalyzerTest
            {
                TestCode = """
                    namespace Orders
                    {
                        public class Handlers
                        {
                            public System.IO.Stream Handle({|CS0246:APIGatewayProxyRequest|} request) => System.IO.Stream.Null;
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", Template("Orders.Handlers::Handle")));
            await test.RunAsync();
        }

        private static string Template(params string[] handlers)
            => "Resources:\n" + string.Concat(handlers.Select((h, i) => $"  F{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: TestProject::{h}\n"));

        private static DiagnosticResult Refusal(int location, string handler, string function, string reason)
            => new DiagnosticResult("LAM306", DiagnosticSeverity.Error).WithLocation(location).WithArguments(handler, $"'{function}' in template.yaml", reason);

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = ContractVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  WrongSecond:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::WrongSecond
                  Generic:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Handlers::Generic
                """));
            await test.RunAsync();
        }
    }
}
