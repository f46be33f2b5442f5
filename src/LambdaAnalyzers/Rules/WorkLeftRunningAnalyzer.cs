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
                ISimpleAssignmentOperation { Target: IDiscardOperation, Value: var value } assignment
                    when lambda.Types.IsTask(value.WithoutConversions().Type) && !BlockingOnAsyncAnalyzer.IsCompletedTask(value.WithoutConversions(), lambda.Types) => assignment,

                // `SendAsync();` and `Task.Run(...);` as statements.
                IInvocationOperation invocation when lambda.Types.IsTask(invocation.Type) => invocation,

                // `mediator.Publish((dynamic)note);`: bound at run time, to a method that returns a task whichever it is.
                IDynamicInvocationOperation dynamicCall when DynamicTarget(dynamicCall, lambda.Types) is not null => dynamicCall,

                // `ids.ForEach(async id => ...)`, `Parallel.ForEach(ids, async id => ...)`: each lambda runs as async void.
                IInvocationOperation invocation when invocation.Arguments.Any(a => IsAsyncVoidLambda(a.Value)) => invocation,

                // `SendAsync().Forget();`: a helper of this project that drops the task it is given.
                IInvocationOperation helper when TaskDroppedBy(helper, lambda, context.CancellationToken) is { } task => task,
                _ => null,
            };

            if (leftRunning is null || lambda.Path.Find(leftRunning, context.ContainingSymbol) is not { } path)
            {
                return;
            }

            var what = leftRunning switch
            {
                IInvocationOperation call => call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name,
                IDynamicInvocationOperation dynamicCall when DynamicTarget(dynamicCall, lambda.Types) is { } target => target.ContainingType.Name + "." + target.Name,
                _ => "the discarded task",
            };
            var asyncLambda = leftRunning is IInvocationOperation forEach && !lambda.Types.IsTask(forEach.Type);
            var handedToHelper = leftRunning != expression && leftRunning is IInvocationOperation;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                leftRunning.Syntax.GetLocation(),
                asyncLambda ? AsyncLambdaProperties : handedToHelper ? HandedToHelperProperties : null,
                asyncLambda ? what + "(async ...)" : what,
                path.Handler.Name,
                path.ViaText));
        }

        /// <summary>Tells the fixer the work is an async lambda given as a void-returning delegate (a loop's body to await instead).</summary>
        internal const string AsyncLambdaProperty = "AsyncLambda";

        /// <summary>Tells the fixer the task is an argument of a helper that drops it: the helper's statement becomes the await.</summary>
        internal const string HandedToHelperProperty = "HandedToHelper";

        private static readonly ImmutableDictionary<string, string?> HandedToHelperProperties = ImmutableDictionary<string, string?>.Empty.Add(HandedToHelperProperty, "true");

        private static readonly ImmutableDictionary<string, string?> AsyncLambdaProperties = ImmutableDictionary<string, string?>.Empty.Add(AsyncLambdaProperty, "true");

        /// <summary>The method a dynamically bound call reaches when every candidate returns a task (the first of them), or null.</summary>
        private static IMethodSymbol? DynamicTarget(IDynamicInvocationOperation call, WellKnownTypes types)
        {
            if (call.Operation is not IDynamicMemberReferenceOperation { Instance.Type: { TypeKind: not (TypeKind.Dynamic or TypeKind.Error) } receiver, MemberName: var name })
            {
                return null;
            }

            var candidates = receiver.AllInterfaces.Cast<ITypeSymbol>().Prepend(receiver)
                .Concat(BaseTypes(receiver))
                .SelectMany(t => t.GetMembers(name))
                .ToList();
            return candidates.Count > 0 && candidates.All(c => c is IMethodSymbol method && types.IsTask(method.ReturnType))
                ? (IMethodSymbol)candidates[0]
                : null;
        }

        private static System.Collections.Generic.IEnumerable<ITypeSymbol> BaseTypes(ITypeSymbol type)
        {
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                yield return baseType;
            }
        }

        /// <summary>
        /// The call whose task <paramref name="helper"/> drops: a void method of this project given the task as an
        /// argument (or as <c>this</c>) that never awaits, blocks on, returns or keeps it, only drops what it
        /// chains to it (<c>task.ContinueWith(...)</c> as a statement) or ignores it. The task must be started in
        /// the argument itself; a local may be awaited later.
        /// </summary>
        private static IOperation? TaskDroppedBy(IInvocationOperation helper, LambdaCompilation lambda, System.Threading.CancellationToken cancellationToken)
        {
            if (!helper.TargetMethod.ReturnsVoid || helper.TargetMethod.IsAsync)
            {
                return null;
            }

            foreach (var argument in helper.Arguments)
            {
                if (argument.Parameter is { } parameter
                    && lambda.Types.IsTask(parameter.Type)
                    && argument.Value.WithoutConversions() is IInvocationOperation started
                    && lambda.Types.IsTask(started.Type)
                    && Drops(parameter.OriginalDefinition, lambda, cancellationToken))
                {
                    return started;
                }
            }

            return null;
        }

        private static bool Drops(IParameterSymbol parameter, LambdaCompilation lambda, System.Threading.CancellationToken cancellationToken)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol { IsAsync: false } method || !method.IsInSource())
            {
                return false;
            }

            var bodies = lambda.BodiesOf(method, cancellationToken).ToList();
            return bodies.Count > 0 && bodies.All(body => body.Descendants().OfType<IParameterReferenceOperation>()
                .Where(reference => SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter))
                .All(reference => IsDroppedContinuation(reference, lambda.Types)));
        }

        /// <summary><c>task.ContinueWith(...);</c> as a statement (or discarded): the continuation, and the task, are let go.</summary>
        private static bool IsDroppedContinuation(IOperation reference, WellKnownTypes types)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation or IArgumentOperation)
            {
                parent = parent.Parent;
            }

            return parent is IInvocationOperation { TargetMethod.Name: "ContinueWith" } continuation
                && types.IsTask(continuation.Type)
                && continuation.Parent is IExpressionStatementOperation or ISimpleAssignmentOperation { Target: IDiscardOperation };
        }

        /// <summary>An async lambda converted to a delegate that returns void: its caller cannot wait for the work it starts.</summary>
        private static bool IsAsyncVoidLambda(IOperation value)
        {
            value = value.WithoutConversions();
            return value is IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod.ReturnsVoid: true }, Target: IAnonymousFunctionOperation { Symbol.IsAsync: true } };
        }
    }
}
