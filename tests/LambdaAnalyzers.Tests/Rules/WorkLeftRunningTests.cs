using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.WorkLeftRunningAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class WorkLeftRunningTests
    {
        [Fact]
        public Task UnawaitedCall_Discard_AndTaskRun_Trigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    {|#0:AuditAsync(input)|};
                    {|#1:_ = AuditAsync(input)|};
                    {|#2:Task.Run(() => AuditAsync(input))|};
                    await Task.CompletedTask;
                }

                private static Task AuditAsync(string input) => Task.Delay(10);
            }
            """,
            Verify.Diagnostic("LAM302").WithLocation(0).WithArguments("OrderHandler.AuditAsync", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM302").WithLocation(1).WithArguments("the discarded task", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM302").WithLocation(2).WithArguments("Task.Run", "OrderHandler.Handle", ""));

        [Fact]
        public Task FireAndForgetInSynchronousCallee_Triggers_WithChain() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public string Handle(string input, ILambdaContext context)
                {
                    new Metrics().Record(input);
                    return input;
                }
            }

            public class Metrics
            {
                public void Record(string name) => {|#0:SendAsync(name)|};

                private Task SendAsync(string name) => Task.Delay(1);
            }
            """,
            Verify.Diagnostic("LAM302").WithLocation(0).WithArguments("Metrics.SendAsync", "OrderHandler.Handle", " (via OrderHandler.Handle → Metrics.Record)"));

        [Fact]
        public Task AwaitedReturnedOrStoredTasks_DoNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    await AuditAsync(input);
                    var pending = AuditAsync(input);
                    await Task.WhenAll(pending, AuditAsync(input));
                }

                public Task Forward(string input, ILambdaContext context) => AuditAsync(input);

                private static Task AuditAsync(string input) => Task.Delay(10);
            }
            """);

        [Fact]
        public Task FireAndForgetInHandlerConstructor_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public OrderHandler() => _ = WarmUpAsync();

                public string Handle(string input, ILambdaContext context) => input;

                private static Task WarmUpAsync() => Task.Delay(1);
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Threading.Tasks;

            public class Worker
            {
                public void Run(object context) => _ = Task.Delay(1);
            }
            """);
    }
}
