using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM302: a task started on the per-invocation path and neither awaited nor kept, so it is still running when the handler returns.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WorkLeftRunningAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.WorkLeftRunning,
            title: "Work left running when the handler returns",
            messageFormat: "'{0}' is still running when '{1}' returns{2}; Lambda freezes the environment then, so this work is lost or resumes during a later invocation; await it",
            RuleCategories.ExecutionModel,
            DiagnosticSeverity.Warning,
            description: "When the handler returns, Lambda freezes the execution environment: threads, timers and unawaited tasks stop, and resume only if the environment gets another invocation, possibly never. Fire-and-forget work (an unawaited call, a discarded task, Task.Run) is lost, or runs half-way through somebody else's invocation.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal sealed override bool ReportsAtTheOperation => true;

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => AnalyzeStatement(c, lambda), OperationKind.ExpressionStatement);
        }

        private static void AnalyzeStatement(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var expression = ((IExpressionStatementOperation)context.Operation).Operation;
            IOperation? leftRunning = expression switch
            {
                // `_ = SendAsync();` and `_ = Task.Run(...)`: the task is dropped on purpose, and with it the work.
                ISimpleAssignmentOperation { Target: IDiscardOperation, Value: var value } assignment when lambda.Types.IsTask(value.WithoutConversions().Type) => assignment,

                // `SendAsync();` and `Task.Run(...);` as statements.
                IInvocationOperation invocation when lambda.Types.IsTask(invocation.Type) => invocation,

                // `ids.ForEach(async id => ...)`, `Parallel.ForEach(ids, async id => ...)`: each lambda runs as async void.
                IInvocationOperation invocation when invocation.Arguments.Any(a => IsAsyncVoidLambda(a.Value)) => invocation,
                _ => null,
            };

            if (leftRunning is null || lambda.Path.Find(leftRunning, context.ContainingSymbol) is not { } path)
            {
                return;
            }

            var what = leftRunning is IInvocationOperation call ? call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name : "the discarded task";
            var asyncLambda = leftRunning is IInvocationOperation forEach && !lambda.Types.IsTask(forEach.Type);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                leftRunning.Syntax.GetLocation(),
                asyncLambda ? AsyncLambdaProperties : null,
                asyncLambda ? what + "(async ...)" : what,
                path.Handler.Name,
                path.ViaText));
        }

        /// <summary>Tells the fixer the work is an async lambda given as a void-returning delegate (a loop's body to await instead).</summary>
        internal const string AsyncLambdaProperty = "AsyncLambda";

        private static readonly ImmutableDictionary<string, string?> AsyncLambdaProperties = ImmutableDictionary<string, string?>.Empty.Add(AsyncLambdaProperty, "true");

        /// <summary>An async lambda converted to a delegate that returns void: its caller cannot wait for the work it starts.</summary>
        private static bool IsAsyncVoidLambda(IOperation value)
        {
            value = value.WithoutConversions();
            return value is IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod.ReturnsVoid: true }, Target: IAnonymousFunctionOperation { Symbol.IsAsync: true } };
        }
    }
}
