using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.InvocationDataInSharedStateAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class InvocationDataInSharedStateTests
    {
        [Fact]
        public Task EventDataIntoStaticAndHandlerState_Triggers() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                private static readonly List<string> s_seen = new();
                private static readonly Dictionary<string, string> s_bodies = new();
                private string? _lastMessage;

                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        {|#0:s_seen.Add(record.MessageId)|};
                        {|#1:s_bodies[record.MessageId] = record.Body|};
                        {|#2:_lastMessage = record.Body|};
                    }
                }
            }
            """,
            Info(0, "s_seen"), Info(1, "s_bodies"), Info(2, "_lastMessage"));

        [Fact]
        public Task ConfigurationCacheAndCounters_DoNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                private static readonly ConcurrentDictionary<string, string> s_settings = new();
                private static int s_invocations;
                private readonly List<string> _perInstance = new();

                public string Handle(string input, ILambdaContext context)
                {
                    s_invocations++;
                    var table = s_settings.GetOrAdd("TABLE", key => Environment.GetEnvironmentVariable(key) ?? "orders");
                    var local = new List<string> { input };
                    return table + local.Count;
                }
            }
            """);

        [Fact]
        public Task PerInvocationServiceState_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public int Handle(string input, ILambdaContext context) => new Batch().Add(input);
            }

            public class Batch
            {
                private readonly List<string> _items = new();

                public int Add(string item) { _items.Add(item); return _items.Count; }
            }
            """);

        [Fact]
        public Task StoringMethodsOfQueuesStacksSetsAndConcurrentCollections_Trigger() => Verify.VerifyAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Text;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                private static readonly ConcurrentQueue<string> s_queue = new();
                private static readonly ConcurrentBag<string> s_bag = new();
                private static readonly ConcurrentDictionary<string, string> s_byId = new();
                private static readonly Stack<string> s_stack = new();
                private static readonly StringBuilder s_log = new();
                private readonly HashSet<string> _seen = new();

                public void Handle(string input, ILambdaContext context)
                {
                    {|#0:s_queue.Enqueue(input)|};
                    {|#1:s_bag.Add(input)|};
                    {|#2:s_byId.TryAdd(input, input)|};
                    {|#3:s_stack.Push(input)|};
                    {|#4:s_log.AppendLine(input)|};
                    {|#5:_seen.Add(input)|};
                }
            }
            """,
            Info(0, "s_queue"), Info(1, "s_bag"), Info(2, "s_byId"), Info(3, "s_stack"), Info(4, "s_log"), Info(5, "_seen"));

        /// <summary>A method named like a collection's on a type that is none (a calculator, a service) stores nothing we can tell.</summary>
        [Fact]
        public Task AddOnAServiceOrCalculatorField_DoesNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                private static readonly IOrderService s_orders = new OrderService();
                private readonly Calculator _calculator = new();

                public int Handle(Request input, ILambdaContext context)
                {
                    s_orders.Add(input.Id);
                    s_orders.Push(input.Id);
                    return _calculator.Add(input.X, input.Y);
                }
            }

            public record Request(string Id, int X, int Y);

            public class Calculator
            {
                public int Add(int x, int y) => x + y;
            }

            public interface IOrderService
            {
                void Add(string id);
                void Push(string id);
            }

            public class OrderService : IOrderService
            {
                public void Add(string id) { }
                public void Push(string id) { }
            }
            """);

        [Fact]
        public Task ContextOfTheInvocationIntoHandlerAndStaticState_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                private static string? s_requestId;
                private ILambdaLogger? _logger;

                public void Handle(string input, ILambdaContext context)
                {
                    {|#0:_logger = context.Logger|};
                    {|#1:s_requestId = context.AwsRequestId|};
                    Ambient.Remember(context);
                    _logger.LogInformation(input);
                }
            }

            public static class Ambient
            {
                public static ILambdaContext? Current { get; private set; }

                // Itself taken for a handler (an ILambdaContext parameter): reported whichever handler it is on the path of.
                public static void Remember(ILambdaContext context) => {|LAM304:Current = context|};
            }
            """,
            Info(0, "_logger"), Info(1, "s_requestId"));

        /// <summary>The function's name, version, memory and log group are the same for every invocation of an environment.</summary>
        [Fact]
        public Task EnvironmentConstantsOfTheContextAndConstructorState_DoNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                private static string? s_functionName;
                private readonly string _prefix;
                private int _memory;
                private string? _mode;

                public OrderHandler(string prefix) => _prefix = prefix;

                public OrderHandler() : this("orders") { }

                public string Handle(string input, ILambdaContext context)
                {
                    s_functionName = context.FunctionName;
                    _memory = context.MemoryLimitInMB;
                    _mode = "live";
                    return _prefix + input;
                }
            }
            """);

        [Fact]
        public Task PerRecordCounterOnTheHandler_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                private long _processed;
                private static int s_failed;

                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        {|#0:_processed++|};
                        if (record.Body.Length == 0)
                        {
                            {|#1:s_failed += 1|};
                        }
                    }

                    context.Logger.LogInformation($"processed {_processed}");
                }
            }
            """,
            Info(0, "_processed"), Info(1, "s_failed"));

        /// <summary>Counting invocations or retries of a fixed loop holds nothing of the event.</summary>
        [Fact]
        public Task InvocationAndRetryCounters_DoNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                private static int s_invocations;
                private int _attempts;

                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    s_invocations++;
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        _attempts++;
                    }

                    foreach (var record in evt.Records)
                    {
                        var local = 0;
                        local++;
                    }
                }
            }
            """);

        [Fact]
        public Task ListMadePerInvocationAndFilledFromTheEvent_Triggers() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Failure
            {
                public string Id { get; set; } = "";
            }

            public class OrderHandler
            {
                private List<Failure>? _failures;

                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<Failure>();
                    foreach (var record in evt.Records)
                    {
                        if (record.Body.Length == 0)
                        {
                            failures.Add(new Failure { Id = record.MessageId });
                        }
                    }

                    {|#0:_failures = failures|};
                }
            }
            """,
            Info(0, "_failures"));

        [Fact]
        public Task ListMadePerInvocationFromConstants_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                private List<string>? _defaults;
                private List<string>? _names;
                private List<string>? _empty;

                public int Handle(string input, ILambdaContext context)
                {
                    var defaults = new List<string>();
                    defaults.Add("eu-west-1");
                    _defaults = defaults;
                    _names = new List<string> { "a", "b" };
                    _empty = new List<string>();
                    return input.Length;
                }
            }
            """);

        /// <summary>Null-guarded initialisation runs once per environment (InitOnceIdioms), whatever it is given.</summary>
        [Fact]
        public Task NullGuardedInitialisationGivenTheContext_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class Settings
            {
                public string Issuer { get; set; } = "";
            }

            public class OrderHandler
            {
                private Settings? _settings;
                private static Settings? s_fallback;

                public async Task<string> Handle(string input, ILambdaContext context)
                {
                    if (_settings == null)
                        _settings = await LoadAsync(context);
                    s_fallback ??= await LoadAsync(context);
                    return _settings.Issuer + s_fallback.Issuer + input;
                }

                private static async Task<Settings> LoadAsync(ILambdaContext context)
                {
                    context.Logger.LogInformation("loading settings");
                    await Task.Yield();
                    return new Settings { Issuer = "issuer" };
                }
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Collections.Generic;

            public class Worker
            {
                private static readonly List<string> s_seen = new();

                public void Run(string input) => s_seen.Add(input);
            }
            """);

        private static DiagnosticResult Info(int location, string member)
            => new DiagnosticResult("LAM304", DiagnosticSeverity.Info).WithLocation(location).WithArguments(member, "OrderHandler.Handle", "");

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Collections.Generic;
            using Queueing;

            public class OrderHandler
            {
                private static readonly List<string> s_seen = new();
                private string? _lastMessage;

                public void Handle(SQSEvent input)
                {
                    foreach (var record in input.Records)
                    {
                        s_seen.Add(record.MessageId);
                        _lastMessage = record.Body;
                    }
                }
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
