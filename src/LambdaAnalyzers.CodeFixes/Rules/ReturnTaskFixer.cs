using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>LAM301: an async void handler method returns Task instead, so Lambda waits for its work and sees its failures.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnTaskFixer)), Shared]
    public sealed class ReturnTaskFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AsyncVoidHandler);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create((context, document, diagnostics) => FixAsync(document, diagnostics, context.CancellationToken)!);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root is not null && MethodOf(root, diagnostic) is not null)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(CodeAction.Create("Return Task", ct => FixAsync(document, new[] { diagnostic }, ct), nameof(ReturnTaskFixer)), diagnostic);
                }
            }
        }

        /// <summary>Only a method: a bootstrap lambda's delegate type is declared where the lambda is assigned.</summary>
        private static MethodDeclarationSyntax? MethodOf(SyntaxNode root, Diagnostic diagnostic)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is MethodDeclarationSyntax method && method.Identifier.Span == diagnostic.Location.SourceSpan
                ? method
                : null;

        private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || compilation is null)
            {
                return document;
            }

            var methods = diagnostics.Select(d => MethodOf(root, d)).OfType<MethodDeclarationSyntax>().ToList();
            var changed = root.ReplaceNodes(methods, (original, _) => original.WithReturnType(TaskSyntax.Task().WithTriviaFrom(original.ReturnType)));
            return document.WithSyntaxRoot(methods.Count > 0 ? Usings.EnsureUsing(changed, compilation, TaskSyntax.TasksNamespace) : changed);
        }
    }
}
