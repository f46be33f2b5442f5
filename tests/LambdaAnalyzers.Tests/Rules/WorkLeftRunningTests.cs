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

        /// <summary>An async lambda given where a void-returning delegate is expected runs as async void: nothing waits for it.</summary>
        [Fact]
        public Task ForEachWithAsyncLambda_AndParallelForEachWithAsyncBody_Trigger() => Verify.VerifyAsync("""
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
                    {|#0:ids.ForEach(async id => await SaveAsync(id))|};
                    {|#1:Parallel.ForEach(ids, async id =>
                    {
                        await SaveAsync(id);
                    })|};
                    {|#2:Array.ForEach(ids.ToArray(), async delegate (string id) { await SaveAsync(id); })|};
                }

                private static Task SaveAsync(string id) => Task.Delay(1);
            }
            """,
            Verify.Diagnostic("LAM302").WithLocation(0).WithArguments("List.ForEach(async ...)", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM302").WithLocation(1).WithArguments("Parallel.ForEach(async ...)", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM302").WithLocation(2).WithArguments("Array.ForEach(async ...)", "OrderHandler.Handle", ""));

        [Fact]
        public Task ForEachWithSynchronousLambda_AwaitedAsyncLambdas_AndInitTimeForEach_DoNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                private static readonly List<string> s_names = new() { "a" };

                static OrderHandler() => s_names.ForEach(async name => await SaveAsync(name));

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var ids = evt.Records.Select(r => r.MessageId).ToList();
                    ids.ForEach(id => Console.WriteLine(id));
                    await Task.WhenAll(ids.Select(async id => await SaveAsync(id)));
                    await Parallel.ForEachAsync(ids, async (id, token) => await SaveAsync(id));
                    Func<string, Task> save = async id => await SaveAsync(id);
                    await save("x");
                }

                private static Task SaveAsync(string id) => Task.Delay(1);
            }
            """);

        [Fact]
        public Task TaskHandedToAHelperThatDropsIt_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public static class TaskHelpers
            {
                public static void FireAndForget(this Task task)
                {
                    {|#2:task.ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted)|};
                }

                public static void Ignore(Task task) { }
            }

            public class OrderHandler
            {
                public string Handle(string input, ILambdaContext context)
                {
                    {|#0:AuditAsync(input)|}.FireAndForget();
                    TaskHelpers.Ignore({|#1:AuditAsync(input)|});
                    return input;
                }

                private static Task AuditAsync(string input) => Task.Delay(1);
            }
            """,
            Verify.Diagnostic("LAM302").WithLocation(0).WithArguments("OrderHandler.AuditAsync", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM302").WithLocation(1).WithArguments("OrderHandler.AuditAsync", "OrderHandler.Handle", ""),
            Verify.Diagnostic("LAM302").WithLocation(2).WithArguments("Task.ContinueWith", "OrderHandler.Handle", " (via OrderHandler.Handle → TaskHelpers.FireAndForget)"));

        /// <summary>A helper that awaits, blocks on, returns or keeps the task it is given does not leave it running.</summary>
        [Fact]
        public Task TaskHandedToAHelperThatKeepsIt_AndCompletedTasksDiscarded_DoNotTrigger() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public static class TaskHelpers
            {
                private static readonly List<Task> s_pending = new();

                public static void Track(Task task) => s_pending.Add(task);

                public static void Block(this Task task) => task.GetAwaiter().GetResult();

                public static async Task LogFailuresAsync(this Task task)
                {
                    try { await task; } catch { }
                }
            }

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    TaskHelpers.Track(AuditAsync(input));
                    AuditAsync(input).Block();
                    await AuditAsync(input).LogFailuresAsync();
                    _ = Task.CompletedTask;
                    _ = Task.FromResult(input);
                }

                private static Task AuditAsync(string input) => Task.Delay(1);
            }
            """);

        /// <summary>A call bound at run time (a dynamic argument) whose every candidate returns a task drops that task.</summary>
        [Fact]
        public Task DynamicallyBoundCallReturningATask_Triggers() => Verify.VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public interface INotifier
            {
                Task Publish<TNote>(TNote note, CancellationToken cancellationToken = default);
                void Log(object note);
            }

            public class OrderHandler
            {
                private readonly INotifier _notifier;

                public OrderHandler(INotifier notifier) => _notifier = notifier;

                public OrderHandler() : this(null!) { }

                public void Handle(string input, ILambdaContext context)
                {
                    object note = input;
                    {|#0:_notifier.Publish((dynamic)note)|};
                    _notifier.Log((dynamic)note);
                    dynamic anything = note;
                    anything.Publish();
                }
            }
            """,
            Verify.Diagnostic("LAM302").WithLocation(0).WithArguments("INotifier.Publish", "OrderHandler.Handle", ""));

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Threading.Tasks;

            public class Worker
            {
                public void Run(object context) => _ = Task.Delay(1);
            }
            """);

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Threading.Tasks;

            public class OrderHandler
            {
                public async Task Handle(string input)
                {
                    _ = AuditAsync(input);
                    Task.Run(() => AuditAsync(input));
                    await Task.CompletedTask;
                }

                private static Task AuditAsync(string value) => Task.Delay(10);
            }
            """);
    }
}
