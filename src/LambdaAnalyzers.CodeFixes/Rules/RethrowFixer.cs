using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>LAM203: end the catch with <c>throw;</c> so Lambda sees the failure and retries or dead-letters the event.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RethrowFixer)), Shared]
    public sealed class RethrowFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FailureSwallowed);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var catchClause = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<CatchClauseSyntax>();

                // After a return or another jump, a rethrow would never run: the user decides what the catch means.
                if (catchClause is null || catchClause.Block.Statements.LastOrDefault() is ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax)
                {
                    continue;
                }

                var document = context.Document;
                var rethrown = catchClause.Block.AddStatements(ThrowStatement().WithAdditionalAnnotations(Formatter.Annotation));
                context.RegisterCodeFix(
                    CodeAction.Create("Rethrow so Lambda retries the event", _ => Task.FromResult(document.WithSyntaxRoot(root!.ReplaceNode(catchClause.Block, rethrown))), nameof(RethrowFixer)),
                    diagnostic);
            }
        }
    }
}
