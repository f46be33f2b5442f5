using Microsoft.CodeAnalysis;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AsyncVoidHandlerAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class AsyncVoidHandlerTests
    {
        [Fact]
        public Task AsyncVoidHandler_Triggers_OnItsName() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async void {|#0:Handle|}(SQSEvent evt, ILambdaContext context) => await Task.Delay(1);
            }
            """,
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("LAM301", DiagnosticSeverity.Error).WithLocation(0).WithArguments("OrderHandler.Handle"));

        [Fact]
        public Task AsyncVoidAnnotationsHandler_Triggers() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Annotations;

            public class Functions
            {
                [LambdaFunction]
                public async void {|LAM301:Process|}(string input) => await Task.Yield();
            }
            """);

        [Fact]
        public async Task AsyncVoidBootstrapLambda_Triggers_OnAsyncKeyword()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.RuntimeSupport;
                    using Amazon.Lambda.Serialization.SystemTextJson;

                    Action<string, ILambdaContext> handler = {|LAM301:async|} (input, context) => await Task.Delay(1);
                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    """,
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public Task AsyncTaskHandler_AsyncVoidEventHandlerElsewhere_DoNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context) => await Task.Delay(1);

                private async void OnTimer(object? sender, EventArgs e) => await Task.Delay(1);
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Threading.Tasks;

            public interface ILambdaContext { }

            public class OrderHandler
            {
                public async void Handle(string input, ILambdaContext context) => await Task.Delay(1);
            }
            """);

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Queueing;

            public class OrderHandler
            {
                public async void Handle(SQSEvent input) => await Task.Delay(1);
            }

            namespace Queueing
            {
                public class SQSEvent
                {
                    public List<SQSMessage> Records { get; set; } = new();

                    public class SQSMessage
                    {
                        public string MessageId { get; set; } = "";
                        public string Body { get; set; } = "";
                    }
                }
            }
            """);
    }
}
