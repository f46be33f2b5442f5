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
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM201 on a <c>PutItemRequest</c> whose key is generated: key the item by the record's own ID
    /// (<c>message.MessageId</c>) and add <c>ConditionExpression = "attribute_not_exists(#key)"</c>. The
    /// catalog names only the condition; alone it would never fail, since a generated key is new on every
    /// delivery. Keyed by the event's ID, the second delivery's write fails with
    /// ConditionalCheckFailedException, which the title asks the user to catch (what to do with a duplicate
    /// is theirs to decide). Offered only where a record with an ID is in scope and the key is a plain
    /// string attribute written inline.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConditionalPutFixer)), Shared]
    public sealed class ConditionalPutFixer : CodeFixProvider
    {
        private const string EquivalenceKey = "LambdaAnalyzers.ConditionalPut";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NonIdempotentSideEffect);

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
                if (Put.Find(root, model, diagnostic, context.CancellationToken) is not { } put)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Key the item by '{put.EventId}' and write it only once (attribute_not_exists); catch ConditionalCheckFailedException for the duplicate",
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
            foreach (var diagnostic in diagnostics)
            {
                if (Put.Find(root, model, diagnostic, cancellationToken) is not { } put)
                {
                    continue;
                }

                editor.ReplaceNode(put.GeneratedValue, ParseExpression(put.EventId).WithTriviaFrom(put.GeneratedValue));
                var placeholder = "#" + new string(put.KeyName.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
                if (placeholder.Length == 1)
                {
                    placeholder = "#key";
                }

                var condition = ParseExpression($"ConditionExpression = \"attribute_not_exists({placeholder})\"");
                var names = ParseExpression($"ExpressionAttributeNames = new Dictionary<string, string> {{ [\"{placeholder}\"] = \"{put.KeyName}\" }}");
                editor.ReplaceNode(put.Initializer, (current, _) =>
                {
                    // Keep the initializer's own style: a trailing comma stays a trailing comma.
                    var initializer = (InitializerExpressionSyntax)current;
                    var items = initializer.Expressions.GetWithSeparators();
                    var trailingComma = initializer.Expressions.SeparatorCount == initializer.Expressions.Count && items.Count > 0;
                    if (!trailingComma && items.Count > 0)
                    {
                        items = items.Add(Token(SyntaxKind.CommaToken));
                    }

                    items = items.Add(condition).Add(Token(SyntaxKind.CommaToken)).Add(names);
                    if (trailingComma)
                    {
                        items = items.Add(Token(SyntaxKind.CommaToken));
                    }

                    return initializer.WithExpressions(SeparatedList<ExpressionSyntax>(items))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });
            }

            var newRoot = Usings.EnsureUsing(editor.GetChangedRoot(), model.Compilation, "System.Collections.Generic");
            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary><c>new PutItemRequest { Item = new Dictionary&lt;string, AttributeValue&gt; { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } } }</c> with an event ID in scope.</summary>
        private sealed class Put
        {
            public InitializerExpressionSyntax Initializer { get; private set; } = null!;

            public ExpressionSyntax GeneratedValue { get; private set; } = null!;

            public string KeyName { get; private set; } = null!;

            public string EventId { get; private set; } = null!;

            public static Put? Find(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (root.NodeAt<InvocationExpressionSyntax>(diagnostic) is not { } call
                    || call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "PutItem" or "PutItemAsync" }
                    || call.ArgumentList.Arguments.Select(a => a.Expression).OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault() is not { Initializer: { } request }
                    || request.Expressions.OfType<AssignmentExpressionSyntax>().Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "ConditionExpression" or "ExpressionAttributeNames" })
                    || EventIds.InScope(call, model, cancellationToken) is not { } eventId)
                {
                    return null;
                }

                var item = request.Expressions.OfType<AssignmentExpressionSyntax>()
                    .FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Item" })?.Right as BaseObjectCreationExpressionSyntax;
                foreach (var (key, value) in Entries(item?.Initializer))
                {
                    // The key's AttributeValue: new AttributeValue { S = <generated> } or new AttributeValue(<generated>).
                    var generated = value switch
                    {
                        BaseObjectCreationExpressionSyntax { Initializer: { } attribute } => attribute.Expressions.OfType<AssignmentExpressionSyntax>()
                            .FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "S" })?.Right,
                        BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1 } attribute => attribute.ArgumentList.Arguments[0].Expression,
                        _ => null,
                    };
                    if (generated is not null && IsNewGuidText(generated, model, cancellationToken) && model.GetConstantValue(key, cancellationToken) is { HasValue: true, Value: string name })
                    {
                        return new Put { Initializer = request, GeneratedValue = generated, KeyName = name, EventId = eventId };
                    }
                }

                return null;
            }

            /// <summary><c>Guid.NewGuid().ToString()</c> or <c>Guid.NewGuid().ToString("N")</c>: a value that is nothing but a new ID.</summary>
            private static bool IsNewGuidText(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken)
                => value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToString", Expression: InvocationExpressionSyntax inner } }
                   && model.GetSymbolInfo(inner, cancellationToken).Symbol is IMethodSymbol { Name: "NewGuid", ContainingType.Name: "Guid" };

            private static IEnumerable<(ExpressionSyntax Key, ExpressionSyntax Value)> Entries(InitializerExpressionSyntax? dictionary)
            {
                foreach (var expression in dictionary?.Expressions ?? default)
                {
                    switch (expression)
                    {
                        case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } index } assignment:
                            yield return (index.ArgumentList.Arguments[0].Expression, assignment.Right);
                            break;
                        case InitializerExpressionSyntax { Expressions.Count: 2 } pair:
                            yield return (pair.Expressions[0], pair.Expressions[1]);
                            break;
                    }
                }
            }
        }
    }
}
