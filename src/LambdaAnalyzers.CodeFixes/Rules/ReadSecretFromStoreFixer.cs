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
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM101: read the secret from Parameter Store (SecureString, decrypted) or Secrets Manager instead, once
    /// per execution environment (see <see cref="SecretCacheWriter"/>). The environment variable keeps only
    /// the parameter's name or the secret's ARN, under a new name that says so (<c>DB_PASSWORD</c> becomes
    /// <c>DB_PASSWORD_PARAMETER</c>); the title says it, since the deployment must set that variable. Offered
    /// for each store whose SDK package the project references, for <c>Environment.GetEnvironmentVariable</c>
    /// with a literal name; configuration look-ups are bound by the host, and are left to the user.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadSecretFromStoreFixer)), Shared]
    public sealed class ReadSecretFromStoreFixer : CodeFixProvider
    {
        private const string EquivalenceKeyPrefix = "LambdaAnalyzers.ReadSecretFrom.";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PlaintextSecret);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                var store = new[] { SecretStore.ParameterStore, SecretStore.SecretsManager }.FirstOrDefault(s => EquivalenceKeyPrefix + s.Name == context.CodeActionEquivalenceKey);
                return store is null ? document : await FixAsync(document, diagnostics, store, context.CancellationToken).ConfigureAwait(false);
            });

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
                if (Read.Find(root, diagnostic) is not { } read)
                {
                    continue;
                }

                foreach (var store in new[] { SecretStore.ParameterStore, SecretStore.SecretsManager }.Where(s => s.Client(LambdaCompilation.For(model.Compilation).Types) is not null))
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Read '{read.Key}' from {store.Name} once per environment (the variable becomes '{store.RenamedKey(read.Key)}', holding its {What(store)})",
                            cancellationToken => FixAsync(document, new[] { diagnostic }, store, cancellationToken),
                            EquivalenceKeyPrefix + store.Name),
                        diagnostic);
                }
            }
        }

        private static string What(SecretStore store) => store == SecretStore.ParameterStore ? "parameter name" : "secret ARN";

        private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, SecretStore store, CancellationToken cancellationToken)
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
                if (Read.Find(root, diagnostic) is not { } read)
                {
                    continue;
                }

                var renamed = store.RenamedKey(read.Key);
                var client = writer.ClientFor(read.Type, store, cancellationToken);
                writer.Import("System");
                writer.Import(store.Namespace + ".Model");
                var name = $"Environment.GetEnvironmentVariable(\"{renamed}\") ?? throw new InvalidOperationException(\"Set {renamed} to the {What(store)}\")";
                var fetch = ParseExpression($"{client}.{store.FetchMethod}({store.Request(name).ToFullString()})");
                var canAwait = AsyncConversion.IsAsyncAt(read.Call);
                var getter = writer.Getter(
                    read.Type,
                    SecretCacheWriter.PascalName(read.Key, "Secret"),
                    "string",
                    canAwait,
                    SecretCacheWriter.AwaitedValue(fetch, store.ValuePath),
                    SecretCacheWriter.BlockingValue(fetch, store.ValuePath),
                    cancellationToken);

                ExpressionSyntax replacement = InvocationExpression(IdentifierName(getter));
                if (canAwait)
                {
                    replacement = ParenthesizedExpression(AwaitExpression(replacement)).WithAdditionalAnnotations(Simplifier.Annotation);
                }

                editor.ReplaceNode(read.Call, replacement.WithTriviaFrom(read.Call));
            }

            return document.WithSyntaxRoot(writer.Finish(root));
        }

        /// <summary>An <c>Environment.GetEnvironmentVariable("LITERAL")</c> call inside a class, struct or record.</summary>
        private sealed class Read
        {
            private Read(InvocationExpressionSyntax call, string key, TypeDeclarationSyntax type)
            {
                Call = call;
                Key = key;
                Type = type;
            }

            public InvocationExpressionSyntax Call { get; }

            public string Key { get; }

            public TypeDeclarationSyntax Type { get; }

            public static Read? Find(SyntaxNode root, Diagnostic diagnostic)
            {
                var call = root.NodeAt<InvocationExpressionSyntax>(diagnostic);
                if (call is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetEnvironmentVariable" }, ArgumentList.Arguments: { Count: 1 } arguments }
                    || arguments[0].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
                    || call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } type
                    || type is InterfaceDeclarationSyntax)
                {
                    return null;
                }

                return new Read(call, literal.Token.ValueText, type);
            }
        }
    }
}
