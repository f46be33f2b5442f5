using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using HandlerStringVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HandlerStringAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class HandlerStringTests
    {
        private const string Code = """
            using System.IO;
            using Amazon.Lambda.Core;

            namespace Orders
            {
                public class OrderHandler
                {
                    public Stream Handle(Stream input, ILambdaContext context) => input;
                    public Stream Overloaded(Stream input) => input;
                    public Stream Overloaded(Stream input, ILambdaContext context) => input;

                    public class Nested
                    {
                        public Stream Handle(Stream input) => input;
                    }
                }

                public class Derived : OrderHandler
                {
                }
            }
            """;

        [Fact]
        public async Task UnresolvableHandlerStrings_InATemplate_AreReportedOnTheirValue()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: dotnet8
                Resources:
                  Good:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.OrderHandler::Handle
                  Inherited:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.Derived::Handle
                  NestedGood:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.OrderHandler+Nested::Handle
                  Typo:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#0:TestProject::Orders.OrderHandlr::Handle|}
                  NoMethod:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#1:TestProject::Orders.OrderHandler::Process|}
                  Ambiguous:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#2:TestProject::Orders.OrderHandler::Overloaded|}
                  NestedWithDot:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#3:TestProject::Orders.OrderHandler.Nested::Handle|}
                  Malformed:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#4:TestProject::Orders.OrderHandler|}
                  OtherProject:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: Billing::Billing.Handler::Handle
                  NativeAot:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: provided.al2023
                      Handler: bootstrap
                  Bucket:
                    Type: AWS::S3::Bucket
                """));
            test.ExpectedDiagnostics.Add(Error(0, "TestProject::Orders.OrderHandlr::Handle", "Typo", "type 'Orders.OrderHandlr' is not in assembly 'TestProject'; did you mean 'Orders.OrderHandler'?"));
            test.ExpectedDiagnostics.Add(Error(1, "TestProject::Orders.OrderHandler::Process", "NoMethod", "type 'Orders.OrderHandler' has no method 'Process'"));
            test.ExpectedDiagnostics.Add(Error(2, "TestProject::Orders.OrderHandler::Overloaded", "Ambiguous", "method 'Overloaded' of 'Orders.OrderHandler' has several overloads, and the runtime refuses an ambiguous handler"));
            test.ExpectedDiagnostics.Add(Error(3, "TestProject::Orders.OrderHandler.Nested::Handle", "NestedWithDot", "type 'Orders.OrderHandler.Nested' is not in assembly 'TestProject'; nested types are written Outer+Inner: did you mean 'Orders.OrderHandler+Nested'?"));
            test.ExpectedDiagnostics.Add(Error(4, "TestProject::Orders.OrderHandler", "Malformed", "the .NET runtime expects the format Assembly::Namespace.Type::Method"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Typos_AreAnsweredWithTheNearestName_OnlyWhenItIsClose()
        {
            var test = new HandlerStringVerify.AnalyzerTest
            {
                TestCode = """
                    using System.IO;

                    namespace MyFunc
                    {
                        public class ThumbnailFunction
                        {
                            public Stream Handle(Stream input) => input;
                        }

                        public class InvoiceFunction
                        {
                            public Stream Handle(Stream input) => input;
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Plural:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#0:TestProject::MyFunc.ThumbnailFunctions::Handle|}
                  MethodTypo:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#1:TestProject::MyFunc.ThumbnailFunction::Handel|}
                  FarOff:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#2:TestProject::MyFunc.Billing::Handle|}
                  DottedButNotNested:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#3:TestProject::MyFunc.Thumbnail.Function::Handle|}
                  FarOffMethod:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#4:TestProject::MyFunc.InvoiceFunction::Run|}
                """));
            test.ExpectedDiagnostics.Add(Error(0, "TestProject::MyFunc.ThumbnailFunctions::Handle", "Plural", "type 'MyFunc.ThumbnailFunctions' is not in assembly 'TestProject'; did you mean 'MyFunc.ThumbnailFunction'?"));
            test.ExpectedDiagnostics.Add(Error(1, "TestProject::MyFunc.ThumbnailFunction::Handel", "MethodTypo", "type 'MyFunc.ThumbnailFunction' has no method 'Handel'; did you mean 'Handle'?"));
            test.ExpectedDiagnostics.Add(Error(2, "TestProject::MyFunc.Billing::Handle", "FarOff", "type 'MyFunc.Billing' is not in assembly 'TestProject'"));
            test.ExpectedDiagnostics.Add(Error(3, "TestProject::MyFunc.Thumbnail.Function::Handle", "DottedButNotNested", "type 'MyFunc.Thumbnail.Function' is not in assembly 'TestProject'; did you mean 'MyFunc.ThumbnailFunction'?"));
            test.ExpectedDiagnostics.Add(Error(4, "TestProject::MyFunc.InvoiceFunction::Run", "FarOffMethod", "type 'MyFunc.InvoiceFunction' has no method 'Run'"));
            await test.RunAsync();
        }

        [Fact]
        public async Task ToolsDefaultsAndJsonTemplate_AreRead()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("aws-lambda-tools-defaults.json", """
                {
                  "profile": "default",
                  "function-runtime": "dotnet8",
                  "function-handler": {|#0:"TestProject::Orders.OrderHandler::Missing"|}
                }
                """));
            test.TestState.AdditionalFiles.Add(("serverless.template", """
                {
                  "AWSTemplateFormatVersion": "2010-09-09",
                  "Resources": {
                    "Api": {
                      "Type": "AWS::Lambda::Function",
                      "Properties": { "Handler": "TestProject::Orders.OrderHandler::Handle", "Runtime": "dotnet8" }
                    }
                  }
                }
                """));
            test.ExpectedDiagnostics.Add(Error(0, "TestProject::Orders.OrderHandler::Missing", "function-handler", "type 'Orders.OrderHandler' has no method 'Missing'"));
            await test.RunAsync();
        }

        /// <summary>
        /// After a rename, the project's own deployment files still name the old assembly: the runtime fails with
        /// "could not load assembly". A root template naming other projects' assemblies is not about this one.
        /// </summary>
        [Fact]
        public async Task OldAssemblyName_InTheProjectsOwnFiles_IsReported_OtherProjectsAreNot()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.projectdir = /repo/src/Orders/\n"));
            test.TestState.AdditionalFiles.Add(("/repo/src/Orders/aws-lambda-tools-defaults.json", """
                {
                  "function-runtime": "dotnet8",
                  "function-handler": {|#0:"OrdersApi::Orders.OrderHandler::Handle"|}
                }
                """));
            test.TestState.AdditionalFiles.Add(("/repo/src/Orders/serverless.template", """
                {
                  "Resources": {
                    "Api": {
                      "Type": "AWS::Serverless::Function",
                      "Properties": { "Handler": {|#1:"OrdersApi::Orders.OrderHandler::Handle"|}, "CodeUri": "", "Runtime": "dotnet8" }
                    }
                  }
                }
                """));
            test.TestState.AdditionalFiles.Add(("/repo/template.yaml", """
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: ./src/Orders/
                      Handler: {|#2:OrdersApi::Orders.OrderHandler::Handle|}
                  Billing:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: ./src/Billing/
                      Handler: Billing::Billing.Handler::Handle
                  Packaged:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: { Bucket: artifacts, Key: orders.zip }
                      Handler: OrdersApi::Orders.OrderHandler::Handle
                  Current:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/Orders
                      Handler: TestProject::Orders.OrderHandler::Handle
                """));
            const string Reason = "assembly 'OrdersApi' is not the one this project builds ('TestProject'), and the runtime fails with 'could not load assembly'";
            test.ExpectedDiagnostics.Add(Error(0, "OrdersApi::Orders.OrderHandler::Handle", "function-handler", Reason));
            test.ExpectedDiagnostics.Add(Error(1, "OrdersApi::Orders.OrderHandler::Handle", "Api", Reason));
            test.ExpectedDiagnostics.Add(Error(2, "OrdersApi::Orders.OrderHandler::Handle", "Orders", Reason));
            await test.RunAsync();
        }

        /// <summary>Without the project's folder (no ProjectDir), a template's code location is unknown: only the tools defaults file is sure to be this project's.</summary>
        [Fact]
        public async Task OldAssemblyName_InATemplate_WithoutTheProjectFolder_IsNotReported()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: OrdersApi::Orders.OrderHandler::Handle
                """));
            await test.RunAsync();
        }

        /// <summary>The handler may be declared by a base class the compilation cannot resolve (a missing package): its answer is unknowable.</summary>
        [Fact]
        public async Task HandlerOnAnUnresolvedBaseClass_IsNotReported()
        {
            var test = new HandlerStringVerify.AnalyzerTest
            {
                TestCode = """
                    namespace Orders
                    {
                        public class LambdaEntryPoint : {|CS0246:APIGatewayProxyFunction|}
                        {
                        }

                        public class Plain
                        {
                            public System.IO.Stream Handle(System.IO.Stream input, Amazon.Lambda.Core.ILambdaContext context) => input;
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Api:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestProject::Orders.LambdaEntryPoint::FunctionHandlerAsync
                  Missing:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: {|#0:TestProject::Orders.Plain::FunctionHandlerAsync|}
                """));
            test.ExpectedDiagnostics.Add(Error(0, "TestProject::Orders.Plain::FunctionHandlerAsync", "Missing", "type 'Orders.Plain' has no method 'FunctionHandlerAsync'"));
            await test.RunAsync();
        }

        private const string AnnotationsCode = """
            using Amazon.Lambda.Annotations;

            namespace Orders
            {
                public class Functions
                {
                    [LambdaFunction]
                    public int Add(int x, int y) => x + y;

                    public int Plain(int x) => x;
                }

                public class Report_Builder
                {
                    [LambdaFunction]
                    public string Monthly_Totals(string month) => month;
                }
            }
            """;

        /// <summary>
        /// The Annotations source generator writes <c>{Type}_{Method}_Generated</c> at build time; before it has run
        /// (an IDE, a build without its package) the type is missing, and the handler string's answer depends on it.
        /// A name whose base method does not exist or carries no <c>[LambdaFunction]</c> is a real mistake.
        /// </summary>
        [Fact]
        public async Task AnnotationsGeneratedType_NotYetGenerated_IsNotReported_UnlessItsBaseMethodIsMissing()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = AnnotationsCode };
            test.TestState.AdditionalFiles.Add(("serverless.template", """
                {
                  "Resources": {
                    "Add": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet8", "Handler": "TestProject::Orders.Functions_Add_Generated::Add" } },
                    "Underscores": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet8", "Handler": "TestProject::Orders.Report_Builder_Monthly_Totals_Generated::Monthly_Totals" } },
                    "Typo": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet8", "Handler": {|#0:"TestProject::Orders.Functions_Ad_Generated::Ad"|} } },
                    "NotAnnotated": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet8", "Handler": {|#1:"TestProject::Orders.Functions_Plain_Generated::Plain"|} } },
                    "OtherMethod": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet8", "Handler": {|#2:"TestProject::Orders.Functions_Add_Generated::Subtract"|} } },
                    "WrongNamespace": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet8", "Handler": {|#3:"TestProject::Billing.Functions_Add_Generated::Add"|} } }
                  }
                }
                """));
            test.ExpectedDiagnostics.Add(Error(0, "TestProject::Orders.Functions_Ad_Generated::Ad", "Typo", "type 'Orders.Functions_Ad_Generated' is not in assembly 'TestProject'"));
            test.ExpectedDiagnostics.Add(Error(1, "TestProject::Orders.Functions_Plain_Generated::Plain", "NotAnnotated", "type 'Orders.Functions_Plain_Generated' is not in assembly 'TestProject'"));
            test.ExpectedDiagnostics.Add(Error(2, "TestProject::Orders.Functions_Add_Generated::Subtract", "OtherMethod", "type 'Orders.Functions_Add_Generated' is not in assembly 'TestProject'"));
            test.ExpectedDiagnostics.Add(Error(3, "TestProject::Billing.Functions_Add_Generated::Add", "WrongNamespace", "type 'Billing.Functions_Add_Generated' is not in assembly 'TestProject'"));
            await test.RunAsync();
        }

        /// <summary>When the generator has run, the generated type is in the compilation and is checked like any other.</summary>
        [Fact]
        public async Task AnnotationsGeneratedType_Generated_IsCheckedAsAnyType()
        {
            var test = new HandlerStringVerify.AnalyzerTest
            {
                TestCode = AnnotationsCode + """

                    namespace Orders
                    {
                        public class Functions_Add_Generated
                        {
                            public int Add(int x, int y) => new Functions().Add(x, y);
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Add:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: dotnet8
                      Handler: TestProject::Orders.Functions_Add_Generated::Add
                  Wrong:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: dotnet8
                      Handler: {|#0:TestProject::Orders.Functions_Add_Generated::Plus|}
                """));
            test.ExpectedDiagnostics.Add(Error(0, "TestProject::Orders.Functions_Add_Generated::Plus", "Wrong", "type 'Orders.Functions_Add_Generated' has no method 'Plus'"));
            await test.RunAsync();
        }

        /// <summary>Without the Annotations package the attribute is an error type: matched by its name, the answer stays unknowable.</summary>
        [Fact]
        public async Task AnnotationsGeneratedType_WithTheAttributeUnresolved_IsNotReported()
        {
            var test = new HandlerStringVerify.AnalyzerTest
            {
                TestCode = """
                    namespace Orders
                    {
                        public class Functions
                        {
                            [{|CS0246:{|CS0246:LambdaFunction|}|}]
                            public int Add(int x, int y) => x + y;
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Add:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: dotnet8
                      Handler: TestProject::Orders.Functions_Add_Generated::Add
                """));
            await test.RunAsync();
        }

        /// <summary>
        /// A Native AOT or custom-runtime project (assembly <c>bootstrap</c>, or a <c>provided*</c> runtime) runs its
        /// own Main: whatever handler string its files keep is not resolved by the .NET runtime.
        /// </summary>
        [Fact]
        public async Task BootstrapAssembly_OrProvidedRuntime_IsNotChecked()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = Code };
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "bootstrap"));
            test.TestState.AdditionalFiles.Add(("aws-lambda-tools-defaults.json", """
                {
                  "function-runtime": "dotnet8",
                  "function-handler": "orders::Orders.OrderHandler::Handle"
                }
                """));
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: dotnet8
                      Handler: bootstrap::Orders.OrderHandler::Missing
                """));
            await test.RunAsync();
        }

        [Fact]
        public async Task ProvidedRuntime_InToolsDefaults_IsNotChecked_ManagedRuntimeIs()
        {
            var test = new HandlerStringVerify.AnalyzerTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("aws-lambda-tools-defaults.json", """
                {
                  "function-runtime": "provided.al2023",
                  "function-handler": "orders::Orders.OrderHandler::Handle"
                }
                """));
            test.TestState.AdditionalFiles.Add(("serverless.template", """
                {
                  "Resources": {
                    "Managed": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet8", "Handler": {|#0:"TestProject::Orders.OrderHandler::Missing"|} } }
                  }
                }
                """));
            test.ExpectedDiagnostics.Add(Error(0, "TestProject::Orders.OrderHandler::Missing", "Managed", "type 'Orders.OrderHandler' has no method 'Missing'"));
            await test.RunAsync();
        }

        private static DiagnosticResult Error(int location, string handler, string function, string reason)
            => new DiagnosticResult("LAM401", DiagnosticSeverity.Error).WithLocation(location).WithArguments(handler, function, reason);

        /// <summary>
        /// The rule's positive template, naming stream handlers, in a project that references no Amazon.Lambda package:
        /// the deployment-file rules look only at projects that reference one, so nothing is reported.
        /// </summary>
        [Fact]
        public async Task NoLambdaReference_ReportsNothing()
        {
            var test = HandlerStringVerify.AnalyzerTest.WithoutLambdaPackage();
            test.TestCode = DeploymentTestCode.StreamHandlers;
            test.TestState.AdditionalFiles.Add(("template.yaml", """
                Resources:
                  Typo:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: dotnet8
                      Handler: TestProject::Orders.Handlers::Hnadle
                """));
            await test.RunAsync();
        }

        /// <summary>A handler string of this project's function in a template above it is checked like one in the project folder; other projects' are not.</summary>
        [Fact]
        public async Task HandlerStringInTemplateAboveTheProject_IsCheckedForThisProjectsFunctionsOnly()
        {
            var test = new HandlerStringVerify.AnalyzerTest
            {
                TestCode = """
                    namespace Orders
                    {
                        public class OrderHandler
                        {
                            public void Handle(string input, Amazon.Lambda.Core.ILambdaContext context) { }
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.projectdir = /repo/src/Orders/\n"));
            test.TestState.AdditionalFiles.Add(("/repo/template.yaml", """
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/Orders
                      Handler: {|#0:TestProject::Orders.OrderHandler::Handel|}
                  Billing:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/Billing
                      Handler: TestProject::Billing.Missing::Handle
                """));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("LAM401", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
                "TestProject::Orders.OrderHandler::Handel", "Orders", "type 'Orders.OrderHandler' has no method 'Handel'; did you mean 'Handle'?"));
            await test.RunAsync();
        }
    }
}
