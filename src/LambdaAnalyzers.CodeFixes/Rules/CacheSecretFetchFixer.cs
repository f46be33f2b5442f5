using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM005: the fetch becomes a call to a getter that fetches once per execution environment and keeps the
    /// response (the shape of <see cref="SecretCacheWriter"/>, as LAM101's fix writes it). The call's task type
    /// is kept, so the <c>await</c> around it stays as it is. Offered when the request is the same on every
    /// invocation (built from constants, static members and environment reads); a request built from the
    /// event (a per-tenant secret) needs a keyed cache, which is the user's design. A client the getter cannot
    /// reach statically (a local, an instance field) is replaced by a static client of the same service.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CacheSecretFetchFixer)), Shared]
    public sealed class CacheSecretFetchFixer : CodeFixProvider
    {
        private const string EquivalenceKey = "LambdaAnalyzers.CacheSecretFetch";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SecretFetchedPerInvocation);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create((context, document, diagnostics) => FixAsync(document, diagnostics, context.CancellationToken)!);

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
                if (Fetch.Find(root, model, diagnostic, context.CancellationToken) is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Fetch once per execution environment and keep the result",
                        cancellationToken => FixAsync(document, new[] { diagnostic }, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var writer = new SecretCacheWriter(editor, model);
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (Fetch.Find(root, model, diagnostic, cancellationToken) is not { } fetch)
                {
                    continue;
                }

                var client = fetch.StaticClient ?? writer.ClientFor(fetch.Type, fetch.Store, cancellationToken);
                var call = InvocationExpression(
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseExpression(client), IdentifierName(fetch.Method)),
                    ArgumentList(SeparatedList(fetch.Arguments.Select(a => a.WithoutTrivia()))));
                var getter = writer.Getter(
                    fetch.Type,
                    fetch.Name,
                    fetch.ResponseType,
                    async: true,
                    SecretCacheWriter.Awaited(call),
                    SecretCacheWriter.Blocking(call),
                    cancellationToken);
                editor.ReplaceNode(fetch.Call, InvocationExpression(IdentifierName(getter)).WithTriviaFrom(fetch.Call));
            }

            return document.WithSyntaxRoot(writer.Finish(root));
        }

        /// <summary>A fetch the fix can cache: an awaitable SDK call whose request is the same on every invocation.</summary>
        private sealed class Fetch
        {
            public InvocationExpressionSyntax Call { get; private set; } = null!;

            public TypeDeclarationSyntax Type { get; private set; } = null!;

            public SecretStore Store { get; private set; } = null!;

            public string Method { get; private set; } = null!;

            /// <summary>The call's receiver when a static getter can use it as it is.</summary>
            public string? StaticClient { get; private set; }

            public IReadOnlyList<ArgumentSyntax> Arguments { get; private set; } = null!;

            public string ResponseType { get; private set; } = null!;

            public string Name { get; private set; } = null!;

            public static Fetch? Find(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (root.NodeAt<InvocationExpressionSyntax>(diagnostic) is not { Expression: MemberAccessExpressionSyntax access } call
                    || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method
                    || method.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 1 } task
                    || !task.IsTaskLike()
                    || call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } type
                    || type is InterfaceDeclarationSyntax)
                {
                    return null;
                }

                var types = LambdaCompilation.For(model.Compilation).Types;
                var store = SecretStore.All.FirstOrDefault(s => method.ContainingType.Implements(s.Client(types)));
                if (store is null)
                {
                    return null;
                }

                // A cancellation token belongs to one invocation; the first fetch runs without it.
                var arguments = call.ArgumentList.Arguments
                    .Where(a => model.GetTypeInfo(a.Expression, cancellationToken).Type?.Name != nameof(CancellationToken))
                    .ToList();
                if (arguments.Any(a => a.NameColon is not null || !InitTimeExpression.CanMoveToStaticInitializer(a.Expression, model, cancellationToken)))
                {
                    return null;
                }

                var receiverIsStatic = InitTimeExpression.CanMoveToStaticInitializer(access.Expression, model, cancellationToken);
                return new Fetch
                {
                    Call = call,
                    Type = type,
                    Store = store,
                    Method = access.Name.Identifier.ValueText,
                    StaticClient = receiverIsStatic ? access.Expression.WithoutTrivia().ToString() : null,
                    Arguments = arguments,
                    ResponseType = task.TypeArguments[0].ToMinimalDisplayString(model, call.SpanStart),
                    Name = SecretCacheWriter.PascalName(RequestedName(arguments, model, cancellationToken) ?? string.Empty, store == SecretStore.ParameterStore ? "Parameter" : store == SecretStore.SecretsManager ? "Secret" : "Decrypted"),
                };
            }

            /// <summary>The constant <c>Name</c> or <c>SecretId</c> of the request, for the cache's name: <c>/orders/db-password</c> names <c>s_ordersDbPassword</c>.</summary>
            private static string? RequestedName(IEnumerable<ArgumentSyntax> arguments, SemanticModel model, CancellationToken cancellationToken)
                => arguments
                    .SelectMany(a => a.Expression.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>())
                    .Where(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Name" or "SecretId" })
                    .Select(a => model.GetConstantValue(a.Right, cancellationToken))
                    .Where(c => c.HasValue && c.Value is string)
                    .Select(c => ((string)c.Value!).Split(':').Last())
                    .FirstOrDefault();
        }
    }
}
