using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SynchronousLambdaInvokeAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class SynchronousLambdaInvokeTests
    {
        [Fact]
        public Task DefaultAndExplicitRequestResponse_Trigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.Model;

            public class Orchestrator
            {
                private static readonly AmazonLambdaClient Lambda = new();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await {|#0:Lambda.InvokeAsync(new InvokeRequest { FunctionName = "pricing", Payload = input })|};

                    var request = new InvokeRequest { FunctionName = "stock" };
                    request.InvocationType = InvocationType.RequestResponse;
                    await {|#1:Lambda.InvokeAsync(request)|};
                }
            }
            """,
            Info(0), Info(1));

        [Fact]
        public Task EventInvocationAndUnknownRequest_DoNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.Model;

            public class Orchestrator
            {
                private static readonly IAmazonLambda Lambda = new AmazonLambdaClient();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await Lambda.InvokeAsync(new InvokeRequest { FunctionName = "audit", InvocationType = InvocationType.Event });
                    await Forward(BuildRequest(input));
                }

                private static Task Forward(InvokeRequest request) => Lambda.InvokeAsync(request);

                private static InvokeRequest BuildRequest(string input) => new() { FunctionName = "x", InvocationType = "Event" };
            }
            """);

        private static DiagnosticResult Info(int location)
            => new DiagnosticResult("LAM305", DiagnosticSeverity.Info).WithLocation(location).WithArguments("Orchestrator.Handle", "");
    }
}
