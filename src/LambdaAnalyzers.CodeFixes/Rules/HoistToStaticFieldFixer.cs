using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM001–LAM004: move the creation out of the per-invocation path into a static readonly field,
    /// created once per execution environment. Offered only when the creation uses nothing that differs
    /// per invocation, so the result always compiles. When the creation needs the handler's own instance
    /// state, it moves into a readonly field assigned in the handler class's constructors instead: Lambda
    /// keeps one handler instance per execution environment.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HoistToStaticFieldFixer)), Shared]
    public sealed class HoistToStaticFieldFixer : CodeFixProvider
    {
        private const string EquivalenceKey = "LambdaAnalyzers.HoistToStaticField";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            RuleIds.AwsClientPerInvocation,
            RuleIds.HttpClientPerInvocation,
            RuleIds.ConnectionPoolPerInvocation,
            RuleIds.CostlyObjectPerInvocation);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create((context, document, diagnostics) => Hoister.HoistAsync(document, diagnostics, context.CancellationToken)!);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = await Hoister.PlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (plan is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        plan.IsStatic
                            ? "Store in a static readonly field (created once per execution environment)"
                            : "Initialize in the handler's constructor (once per execution environment)",
                        cancellationToken => Hoister.HoistAsync(document, new[] { diagnostic }, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
