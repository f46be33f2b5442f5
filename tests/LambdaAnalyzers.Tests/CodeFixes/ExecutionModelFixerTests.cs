using AsyncVoidFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AsyncVoidHandlerAnalyzer, LambdaAnalyzers.CodeFixes.Rules.ReturnTaskFixer>;
using BlockingFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.BlockingOnAsyncAnalyzer, LambdaAnalyzers.CodeFixes.Rules.AwaitFixer>;
using LeftRunningFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.WorkLeftRunningAnalyzer, LambdaAnalyzers.CodeFixes.Rules.AwaitFixer>;
using SwallowedFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.FailureSwallowedAnalyzer, LambdaAnalyzers.CodeFixes.Rules.RethrowFixer>;

namespace LambdaAnalyzers.Tests.CodeFixes
{
    public class ExecutionModelFixerTests
    {
        [Fact]
        public Task AsyncVoid_Fix_ReturnsTask_AddingTheUsing() => AsyncVoidFix.VerifyFixAsync("""
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async void {|LAM301:Handle|}(SQSEvent evt, ILambdaContext context) => await System.Threading.Tasks.Task.Delay(1);

                public async void {|LAM301:Other|}(string input, ILambdaContext context) => await System.Threading.Tasks.Task.Delay(1);
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context) => await System.Threading.Tasks.Task.Delay(1);

                public async Task Other(string input, ILambdaContext context) => await System.Threading.Tasks.Task.Delay(1);
            }
            """);

        [Fact]
        public Task LeftRunning_Fix_AwaitsInAsyncMethod_AndDiscard() => LeftRunningFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    {|LAM302:AuditAsync(input)|};
                    {|LAM302:_ = AuditAsync(input)|};
                    await Task.CompletedTask;
                }

                private static Task AuditAsync(string input) => Task.Delay(10);
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    await AuditAsync(input);
                    await AuditAsync(input);
                    await Task.CompletedTask;
                }

                private static Task AuditAsync(string input) => Task.Delay(10);
            }
            """);

        [Fact]
        public Task LeftRunning_Fix_TurnsForEachWithAsyncLambdaIntoAwaitedForeach() => LeftRunningFix.VerifyFixAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    var ids = evt.Records.Select(r => r.MessageId).ToList();
                    {|LAM302:ids.ForEach(async id => await SaveAsync(id))|};
                    {|LAM302:Parallel.ForEach(ids, async (string id) =>
                    {
                        if (id.Length == 0)
                        {
                            return;
                        }

                        await SaveAsync(id);
                    })|};
                }

                private static Task SaveAsync(string id) => Task.Delay(1);
            }
            """, """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var ids = evt.Records.Select(r => r.MessageId).ToList();
                    foreach (var id in ids)
                    {
                        await SaveAsync(id);
                    }
                    foreach (string id in ids)
                    {
                        if (id.Length == 0)
                        {
                            continue;
                        }

                        await SaveAsync(id);
                    }
                }

                private static Task SaveAsync(string id) => Task.Delay(1);
            }
            """);

        [Fact]
        public Task LeftRunning_Fix_AwaitsTheTaskAFireAndForgetHelperWasGiven() => LeftRunningFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public static class TaskHelpers
            {
                public static void Ignore(this Task task) { }
            }

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    {|LAM302:AuditAsync(input)|}.Ignore();
                    TaskHelpers.Ignore({|LAM302:AuditAsync(input + "!")|});
                }

                private static Task AuditAsync(string input) => Task.Delay(1);
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public static class TaskHelpers
            {
                public static void Ignore(this Task task) { }
            }

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    await AuditAsync(input);
                    await AuditAsync(input + "!");
                }

                private static Task AuditAsync(string input) => Task.Delay(1);
            }
            """);

        [Fact]
        public Task Blocking_Fix_MakesTheHandlerAsync_AndAwaitsEachBlock() => BlockingFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public string Handle(string input, ILambdaContext context)
                {
                    var a = LoadAsync(input).{|LAM303:Result|};
                    SaveAsync(a).{|LAM303:Wait|}();
                    return LoadAsync(a).GetAwaiter().{|LAM303:GetResult|}().Trim();
                }

                private static Task<string> LoadAsync(string key) => Task.FromResult(key);
                private static Task SaveAsync(string key) => Task.CompletedTask;
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task<string> Handle(string input, ILambdaContext context)
                {
                    var a = await LoadAsync(input);
                    await SaveAsync(a);
                    return (await LoadAsync(a)).Trim();
                }

                private static Task<string> LoadAsync(string key) => Task.FromResult(key);
                private static Task SaveAsync(string key) => Task.CompletedTask;
            }
            """);

        [Fact]
        public Task Blocking_Fix_AwaitsAMultiLineCall() => BlockingFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class PriceRequest
            {
                public string Sku { get; set; } = "";
            }

            public class PriceHandler
            {
                public string Handle(string sku, ILambdaContext context)
                {
                    var price = QuoteAsync(new PriceRequest
                    {
                        Sku = sku,
                    }).{|LAM303:Result|};
                    return price;
                }

                private static Task<string> QuoteAsync(PriceRequest request) => Task.FromResult(request.Sku);
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class PriceRequest
            {
                public string Sku { get; set; } = "";
            }

            public class PriceHandler
            {
                public async Task<string> Handle(string sku, ILambdaContext context)
                {
                    var price = await QuoteAsync(new PriceRequest
                    {
                        Sku = sku,
                    });
                    return price;
                }

                private static Task<string> QuoteAsync(PriceRequest request) => Task.FromResult(request.Sku);
            }
            """);

        [Fact]
        public Task Blocking_NoFix_InSynchronousCallee() => BlockingFix.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public string Handle(string input, ILambdaContext context) => Repository.Load(input);
            }

            public static class Repository
            {
                public static string Load(string key) => FetchAsync(key).{|LAM303:Result|};

                private static async Task<string> FetchAsync(string key)
                {
                    await Task.Yield();
                    return key;
                }
            }
            """);

        [Fact]
        public Task Swallowed_Fix_Rethrows() => SwallowedFix.VerifyFixAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    try
                    {
                        Process();
                    }
                    {|LAM203:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                    }
                }

                private static void Process() { }
            }
            """, """
            using System;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    try
                    {
                        Process();
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.Message);
                        throw;
                    }
                }

                private static void Process() { }
            }
            """);
    }
}
