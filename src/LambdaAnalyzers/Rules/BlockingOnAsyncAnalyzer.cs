using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM303: <c>.Result</c>, <c>.Wait()</c> or <c>GetAwaiter().GetResult()</c> on the per-invocation path.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BlockingOnAsyncAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.BlockingOnAsync,
            title: "Blocking on async work in a handler",
            messageFormat: "'{0}' blocks a thread in '{1}'{2} until the task completes: the invocation is billed while the thread idles, failures arrive wrapped in AggregateException, and the small thread pool of a Lambda environment starves; make the handler async and await",
            RuleCategories.ExecutionModel,
            DiagnosticSeverity.Warning,
            description: "The Lambda runtime supports Task-returning handlers. Blocking on a task instead holds a thread idle for the whole wait (billed duration), can starve the thread pool of an environment that has a fraction of a vCPU, and wraps exceptions in AggregateException.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.PropertyReference, OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var types = lambda.Types;
            var (blocking, task) = context.Operation switch
            {
                IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } reference
                    when types.IsTask(instance.Type) => ("Result", instance),
                IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } instance }
                    when types.IsTask(instance.Type) => ("Wait()", instance),
                IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited } }
                    when types.IsTask(awaited.Type) => ("GetAwaiter().GetResult()", awaited),
                IInvocationOperation { TargetMethod: { Name: "WaitAll" or "WaitAny", IsStatic: true } method } invocation
                    when method.ContainingType.Is(types.Task) => (method.Name + "()", (IOperation?)null),
                _ => (null, null),
            };

            if (blocking is null || (task is not null && IsAlreadyComplete(task, context.Operation, types)))
            {
                return;
            }

            if (lambda.Path.Find(context.Operation, context.ContainingSymbol) is { } path)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, BlockingName(context.Operation.Syntax).GetLocation(), blocking, path.Handler.Name, path.ViaText));
            }
        }

        /// <summary>
        /// The member name that blocks (<c>Result</c>, <c>Wait</c>, <c>GetResult</c>): the squiggle sits there rather
        /// than on a call that may span several lines. The fixer walks back up to the access from it.
        /// </summary>
        private static SyntaxNode BlockingName(SyntaxNode syntax)
        {
            var accessed = syntax is InvocationExpressionSyntax invocation ? invocation.Expression : syntax;
            return accessed switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => syntax,
            };
        }

        /// <summary>
        /// <c>await Task.WhenAll(a, b); var x = a.Result;</c>, <c>t.ContinueWith(done => done.Result)</c> and
        /// <c>Task.FromResult(x).Result</c> read a task that has finished: nothing blocks.
        /// </summary>
        private static bool IsAlreadyComplete(IOperation task, IOperation blocking, WellKnownTypes types)
        {
            if (IsCompletedTask(task.WithoutConversions(), types))
            {
                return true;
            }

            if (task.WithoutConversions() is ILocalReferenceOperation completedLocal
                && blocking.Root().Descendants().OfType<IVariableDeclaratorOperation>()
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, completedLocal.Local))?.GetVariableInitializer()?.Value is { } initializer
                && IsCompletedTask(initializer.WithoutConversions(), types)
                && !blocking.Root().Descendants().OfType<ISimpleAssignmentOperation>().Any(a => a.Target is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, completedLocal.Local)))
            {
                return true;
            }

            var symbol = task switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            if (symbol is null)
            {
                return false;
            }

            if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } })
            {
                return true; // a continuation's antecedent
            }

            return blocking.Root().Descendants().OfType<IAwaitOperation>().Any(awaited =>
                awaited.Syntax.SpanStart < blocking.Syntax.SpanStart
                && !awaited.Syntax.Span.Contains(blocking.Syntax.Span)
                && awaited.Operation.DescendantsAndSelf().Any(o => o switch
                {
                    ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, symbol) && IsTheTaskAwaited(l),
                    IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, symbol) && IsTheTaskAwaited(p),
                    IFieldReferenceOperation f => SymbolEqualityComparer.Default.Equals(f.Field, symbol) && IsTheTaskAwaited(f),
                    _ => false,
                }));
        }

        /// <summary>
        /// <c>await t</c>, <c>await t.ConfigureAwait(false)</c>, <c>await Task.WhenAll(t, u)</c> wait for the task
        /// itself; <c>await SendAsync(t.Result)</c> only reads it (and blocks there).
        /// </summary>
        private static bool IsTheTaskAwaited(IOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IPropertyReferenceOperation or IFieldReferenceOperation => false,
                IInvocationOperation { Instance: { } instance, TargetMethod.Name: var name } when instance.WithoutConversions() == reference => name == "ConfigureAwait",
                _ => true,
            };
        }

        /// <summary><c>Task.FromResult(x)</c>, <c>Task.CompletedTask</c>, <c>ValueTask.FromResult(x)</c>: complete when made.</summary>
        internal static bool IsCompletedTask(IOperation task, WellKnownTypes types)
            => task switch
            {
                IInvocationOperation { TargetMethod: { Name: "FromResult" or "FromException" or "FromCanceled", IsStatic: true } method } => types.IsTask(method.ContainingType),
                IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property } => types.IsTask(property.ContainingType),
                _ => false,
            };
    }
}
