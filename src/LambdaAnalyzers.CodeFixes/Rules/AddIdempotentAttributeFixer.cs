using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM201, when the project references Powertools Idempotency: put <c>[Idempotent]</c> on the handler, so a
    /// repeated event returns the stored result instead of running again. The handler must be declared in the
    /// document being fixed. Powertools needs a persistence store configured once
    /// (<c>Idempotency.Configure(b =&gt; b.UseDynamoDb("table"))</c> in the constructor); the title says so.
    /// One attribute serves every effect of the handler, so Fix All is the batch of distinct handlers.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddIdempotentAttributeFixer)), Shared]
    public sealed class AddIdempotentAttributeFixer : CodeFixProvider
    {
        private const string EquivalenceKey = "LambdaAnalyzers.AddIdempotent";
        private const string Namespace = "AWS.Lambda.Powertools.Idempotency";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NonIdempotentSideEffect);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create((context, document, diagnostics) => AddAsync(document, diagnostics, context.CancellationToken)!);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (HandlerDeclaration(root, model, diagnostic, context.CancellationToken) is not { } handler)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add Powertools [Idempotent] to '{handler.Identifier.ValueText}' (configure Idempotency with a persistence store once, in the constructor)",
                        cancellationToken => AddAsync(document, new[] { diagnostic }, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>
        /// The handler whose invocation runs the effect, when Powertools is referenced, it is an ordinary method
        /// declared in this document, and it is not already idempotent.
        /// </summary>
        private static MethodDeclarationSyntax? HandlerDeclaration(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
var lambda = LambdaCompilation.For(model.Compilation);
            if (lambda.Types.IdempotentAttribute is not { } attribute)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (model.GetEnclosingSymbol(node.SpanStart, cancellationToken) is not { } enclosing)
            {
                return null;
            }

            var handler = enclosing is IMethodSymbol method ? lambda.HandlerFor(method) ?? lambda.PathTo(method)?.Handler : null;
            if (handler is null
                || handler.Method.MethodKind != MethodKind.Ordinary
                || handler.Method.GetAttributes().Any(a => a.AttributeClass.Is(attribute)))
            {
                return null;
            }

            return handler.Method.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.SyntaxTree == root.SyntaxTree);
        }

        private static async Task<Document> AddAsync(Document document, System.Collections.Generic.IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var handlers = diagnostics
                .Select(d => HandlerDeclaration(root, model, d, cancellationToken))
                .OfType<MethodDeclarationSyntax>()
                .Distinct()
                .ToList();
            if (handlers.Count == 0)
            {
                return document;
            }

            var generator = SyntaxGenerator.GetGenerator(document);
            var newRoot = root.ReplaceNodes(handlers, (original, _) => generator.AddAttributes(original, generator.Attribute("Idempotent")));
            return document.WithSyntaxRoot(Usings.EnsureUsing(newRoot, model.Compilation, Namespace));
        }
    }
}
