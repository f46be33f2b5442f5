using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM305: a handler that invokes another function and waits for it (RequestResponse, the default).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SynchronousLambdaInvokeAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.SynchronousLambdaInvoke,
            title: "Synchronous Lambda-to-Lambda invocation",
            messageFormat: "'{0}'{1} invokes another function synchronously (RequestResponse) and waits: both functions are billed for the wait, the caller's timeout must cover the callee's, and throttling of either fails both; use InvocationType.Event, a queue or Step Functions",
            RuleCategories.ExecutionModel,
            DiagnosticSeverity.Info,
            description: "Calling a function with IAmazonLambda.InvokeAsync and InvocationType RequestResponse (the default) makes the caller pay for the callee's duration, couples their timeouts and concurrency, and doubles cold starts. Asynchronous invocation, SQS, EventBridge or Step Functions decouple them.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            if (lambda.Types.IAmazonLambda is null || lambda.Types.LambdaInvokeRequest is null)
            {
                return;
            }

            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is not ("InvokeAsync" or "Invoke")
                || !lambda.Types.Implements(invocation.TargetMethod.ContainingType, lambda.Types.IAmazonLambda))
            {
                return;
            }

            var request = invocation.Arguments.FirstOrDefault(a => a.Value.Type.Is(lambda.Types.LambdaInvokeRequest))?.Value;
            if (request is null || !IsRequestResponse(request))
            {
                return;
            }

            // A CodeDeploy pre- or post-traffic hook invokes the new version and waits for it by design.
            if (lambda.Path.Find(invocation, context.ContainingSymbol) is { } path && !lambda.IsCodeDeployLifecycleHook(path.Handler))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), path.Handler.Name, path.ViaText));
            }
        }

        /// <summary>
        /// True when the request is built here with InvocationType unset (the default is RequestResponse) or set
        /// to RequestResponse. A request from elsewhere, or one whose type is computed, stays unreported.
        /// </summary>
        private static bool IsRequestResponse(IOperation request)
        {
            var invocationTypes = RequestShape.Of(request)?.ValuesOf("InvocationType");
            return invocationTypes is not null && (invocationTypes.Count == 0 || invocationTypes.All(NamesRequestResponse));
        }

        private static bool NamesRequestResponse(IOperation value)
        {
            return value.WithoutConversions() switch
            {
                IFieldReferenceOperation field => field.Field.Name == "RequestResponse",
                ILiteralOperation { ConstantValue: { HasValue: true, Value: "RequestResponse" } } => true,
                _ => false,
            };
        }
    }
}
