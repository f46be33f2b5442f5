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

        /// <summary>A CodeDeploy pre-traffic hook's job is to invoke the new version and wait for its answer, then report the verdict.</summary>
        [Fact]
        public Task CodeDeployLifecycleHook_DoesNotTrigger_InItsHelpersEither() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.CodeDeploy;
            using Amazon.CodeDeploy.Model;
            using Amazon.Lambda;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.Model;

            public class PreTrafficHook
            {
                private static readonly IAmazonLambda Lambda = new AmazonLambdaClient();
                private static readonly IAmazonCodeDeploy CodeDeploy = new AmazonCodeDeployClient();

                public async Task Handle(Dictionary<string, string> evt, ILambdaContext context)
                {
                    var healthy = await Probe();
                    await Report(evt["DeploymentId"], evt["LifecycleEventHookExecutionId"], healthy);
                }

                private static async Task<bool> Probe()
                {
                    var response = await Lambda.InvokeAsync(new InvokeRequest { FunctionName = "orders:live", Payload = "{}" });
                    return response.FunctionError is null or "";
                }

                private static Task Report(string deploymentId, string executionId, bool healthy)
                    => CodeDeploy.PutLifecycleEventHookExecutionStatusAsync(new PutLifecycleEventHookExecutionStatusRequest
                    {
                        DeploymentId = deploymentId,
                        LifecycleEventHookExecutionId = executionId,
                        Status = healthy ? LifecycleEventStatus.Succeeded : LifecycleEventStatus.Failed,
                    });
            }
            """);

        /// <summary>Another handler of the project, or a method of the same name that is not CodeDeploy's, makes no hook.</summary>
        [Fact]
        public Task HandlerBesideAHook_AndLookalikeStatusMethod_Trigger() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.CodeDeploy;
            using Amazon.CodeDeploy.Model;
            using Amazon.Lambda;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.Model;

            public class Orchestrator
            {
                private static readonly IAmazonLambda Lambda = new AmazonLambdaClient();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await {|#0:Lambda.InvokeAsync(new InvokeRequest { FunctionName = "pricing", Payload = input })|};
                    await new Tracker().PutLifecycleEventHookExecutionStatusAsync(input);
                }
            }

            public class Tracker
            {
                public Task PutLifecycleEventHookExecutionStatusAsync(string status) => Task.CompletedTask;
            }

            public class PreTrafficHook
            {
                private static readonly IAmazonCodeDeploy CodeDeploy = new AmazonCodeDeployClient();

                public Task Handle(Dictionary<string, string> evt, ILambdaContext context)
                    => CodeDeploy.PutLifecycleEventHookExecutionStatusAsync(new PutLifecycleEventHookExecutionStatusRequest { Status = LifecycleEventStatus.Succeeded });
            }
            """,
            Info(0));

        private static DiagnosticResult Info(int location)
            => new DiagnosticResult("LAM305", DiagnosticSeverity.Info).WithLocation(location).WithArguments("Orchestrator.Handle", "");

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda;
            using Amazon.Lambda.Model;

            public class Orchestrator
            {
                private static readonly AmazonLambdaClient Lambda = new();

                public async Task Handle(string input)
                {
                    await Lambda.InvokeAsync(new InvokeRequest { FunctionName = "pricing", Payload = input });
                }
            }
            """, "AwsSdkLambda.cs");
    }
}
