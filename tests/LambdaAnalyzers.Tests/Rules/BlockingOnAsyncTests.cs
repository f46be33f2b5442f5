using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.BlockingOnAsyncAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class BlockingOnAsyncTests
    {
        [Fact]
        public Task ResultWaitAndGetResult_Trigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public string Handle(string input, ILambdaContext context)
                {
                    var a = LoadAsync(input).{|#0:Result|};
                    SaveAsync(a).{|#1:Wait|}();
                    var b = LoadAsync(a).GetAwaiter().{|#2:GetResult|}();
                    return b;
                }

                private static Task<string> LoadAsync(string key) => Task.FromResult(key);
                private static Task SaveAsync(string key) => Task.CompletedTask;
            }
            """,
            Verify.Diagnostic("LAM303").WithLocation(0).WithArguments("Result", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM303").WithLocation(1).WithArguments("Wait()", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM303").WithLocation(2).WithArguments("GetAwaiter().GetResult()", "OrderHandler.Handle", ""));

        [Fact]
        public Task BlockingInCallee_Triggers() => Verify.VerifyAsync("""
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
        public Task ResultOfATaskMadeComplete_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public string Handle(string input, ILambdaContext context)
                {
                    var cached = Task.FromResult(input);
                    Task.CompletedTask.Wait();
                    return cached.Result + Task.FromResult(1).GetAwaiter().GetResult();
                }
            }
            """);

        [Fact]
        public Task ResultOfAMultiLineCall_IsReportedOnResult() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class PriceRequest
            {
                public string Sku { get; set; } = "";
                public int Quantity { get; set; }
            }

            public class PriceHandler
            {
                public decimal Handle(string sku, ILambdaContext context)
                {
                    var price = QuoteAsync(new PriceRequest
                    {
                        Sku = sku,
                        Quantity = 1,
                    }).{|#0:Result|};
                    Task.{|#1:WaitAll|}(QuoteAsync(new PriceRequest()));
                    return price;
                }

                private static async Task<decimal> QuoteAsync(PriceRequest request)
                {
                    await Task.Yield();
                    return request.Quantity;
                }
            }
            """,
            Verify.Diagnostic("LAM303").WithLocation(0).WithArguments("Result", "PriceHandler.Handle", ""),
            Verify.Diagnostic("LAM303").WithLocation(1).WithArguments("WaitAll()", "PriceHandler.Handle", ""));

        [Fact]
        public Task LocalTaskReadInsideAndAfterAnAwaitOfAnotherCall_Triggers() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class Shipment
            {
                public string State { get; set; } = "";
            }

            public class ShipmentHandler
            {
                public async Task Handle(string id, ILambdaContext context)
                {
                    var shipment = LookUpAsync(id);
                    context.Logger.LogInformation("looking up " + id);
                    if (shipment.{|#0:Result|}.State == "delivered")
                    {
                        await NotifyAsync(shipment.{|#1:Result|}.State);
                    }
                    else if (shipment.{|#2:Result|}.State == "lost")
                    {
                        await NotifyAsync("lost");
                    }
                }

                private static async Task<Shipment> LookUpAsync(string id)
                {
                    await Task.Yield();
                    return new Shipment { State = id };
                }

                private static Task NotifyAsync(string state) => Task.Delay(1);
            }
            """,
            Verify.Diagnostic("LAM303").WithLocation(0).WithArguments("Result", "ShipmentHandler.Handle", ""),
            Verify.Diagnostic("LAM303").WithLocation(1).WithArguments("Result", "ShipmentHandler.Handle", ""),
            Verify.Diagnostic("LAM303").WithLocation(2).WithArguments("Result", "ShipmentHandler.Handle", ""));

        [Fact]
        public Task LocalTaskAwaitedBeforeItsResultIsRead_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class ShipmentHandler
            {
                public async Task<string> Handle(string id, ILambdaContext context)
                {
                    var first = LookUpAsync(id);
                    var second = LookUpAsync(id + "-2");
                    await first.ConfigureAwait(false);
                    await second;
                    return first.Result + second.Result;
                }

                private static async Task<string> LookUpAsync(string id)
                {
                    await Task.Yield();
                    return id;
                }
            }
            """);

        [Fact]
        public Task ResultOfAwaitedTask_ContinuationAndConstructor_DoNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                private readonly string _config;

                public OrderHandler() => _config = Task.FromResult("config").Result;

                public async Task<string> Handle(string input, ILambdaContext context)
                {
                    var first = Task.FromResult(input);
                    var second = Task.FromResult(_config);
                    await Task.WhenAll(first, second);
                    var combined = first.Result + second.Result;
                    return await first.ContinueWith(done => done.Result + combined);
                }
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Threading.Tasks;

            public class Worker
            {
                public int Run(object context) => Task.FromResult(1).Result;
            }
            """);

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Threading.Tasks;

            public class OrderHandler
            {
                public string Handle(string input)
                {
                    var a = LoadAsync(input).Result;
                    return LoadAsync(a).GetAwaiter().GetResult();
                }

                private static Task<string> LoadAsync(string key) => Task.FromResult(key);
            }
            """);
    }
}
