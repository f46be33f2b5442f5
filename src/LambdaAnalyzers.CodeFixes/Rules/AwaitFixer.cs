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
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM302 and LAM303: await the task instead of leaving it running or blocking on it. A handler method
    /// that is not async yet becomes async; other synchronous code is left to the user (its callers would change).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitFixer)), Shared]
    public sealed class AwaitFixer : CodeFixProvider
    {
        private const string EquivalenceKey = "LambdaAnalyzers.Await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.WorkLeftRunning, RuleIds.BlockingOnAsync);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create((context, document, diagnostics) => FixAsync(document, diagnostics, context.CancellationToken)!);

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
                if (Rewrite(root, model, diagnostic, context.CancellationToken) is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Await the task", ct => FixAsync(document, new[] { diagnostic }, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, System.Collections.Generic.IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var madeAsync = new System.Collections.Generic.HashSet<MethodDeclarationSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (Rewrite(root, model, diagnostic, cancellationToken) is not (var node, var replacement))
                {
                    continue;
                }

                editor.ReplaceNode(node, replacement);

                // Signature from the original method (it has a symbol); applied to the edited one (it has the awaits).
                if (AsyncConversion.MakeAsyncIfNeeded(node, model, cancellationToken, out var method) is { } asyncMethod && madeAsync.Add(method!))
                {
                    editor.ReplaceNode(method!, (current, _) => ((MethodDeclarationSyntax)current).WithReturnType(asyncMethod.ReturnType).WithModifiers(asyncMethod.Modifiers));
                }
            }

            var changed = editor.GetChangedRoot();
            return document.WithSyntaxRoot(madeAsync.Count > 0 ? Usings.EnsureUsing(changed, model.Compilation, TaskSyntax.TasksNamespace) : changed);
        }

        /// <summary>
        /// <c>items.ForEach(async x =&gt; ...)</c>, <c>Array.ForEach(items, async x =&gt; ...)</c> and
        /// <c>Parallel.ForEach(items, async x =&gt; ...)</c> as a <c>foreach</c> whose body is the lambda's, so its
        /// awaits hold the handler until the work is done (one item after another). A <c>return</c> of the
        /// lambda moves on to the next item. Null for any other shape (options, an index, a state argument).
        /// </summary>
        private static ForEachStatementSyntax? ForEachLoop(InvocationExpressionSyntax invocation)
        {
            if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ForEach" } access)
            {
                return null;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var (source, body) = arguments.Count switch
            {
                1 => (access.Expression, arguments[0].Expression),
                2 when access.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax => (arguments[0].Expression, arguments[1].Expression),
                _ => (null, null),
            };

            var (type, identifier, lambdaBody) = body switch
            {
                SimpleLambdaExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword } simple
                    => ((TypeSyntax?)null, simple.Parameter.Identifier, (CSharpSyntaxNode)simple.Body),
                ParenthesizedLambdaExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword, ParameterList.Parameters.Count: 1 } parenthesized
                    => (parenthesized.ParameterList.Parameters[0].Type, parenthesized.ParameterList.Parameters[0].Identifier, parenthesized.Body),
                AnonymousMethodExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword, ParameterList.Parameters.Count: 1 } anonymous
                    => (anonymous.ParameterList.Parameters[0].Type, anonymous.ParameterList.Parameters[0].Identifier, anonymous.Body),
                _ => (null, default, null),
            };
            if (source is null || lambdaBody is null)
            {
                return null;
            }

            var block = lambdaBody switch
            {
                BlockSyntax statements => statements.ReplaceNodes(
                    statements.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>(),
                    (original, _) => ContinueStatement().WithTriviaFrom(original)),
                ExpressionSyntax expression => Block(ExpressionStatement(expression.WithoutTrivia())),
                _ => null,
            };
            if (block is null)
            {
                return null;
            }

            return ForEachStatement(
                (type ?? IdentifierName("var")).WithoutTrivia(),
                identifier.WithoutTrivia(),
                source.WithoutTrivia(),
                block);
        }

        /// <summary>LAM303 sits on the blocking member's name: the access (<c>t.Result</c>) or call (<c>t.Wait()</c>) it names.</summary>
        private static ExpressionSyntax? BlockingAccess(SimpleNameSyntax? name)
        {
            if (name?.Parent is not MemberAccessExpressionSyntax access || access.Name != name)
            {
                return null;
            }

            return access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access ? invocation : access;
        }

        /// <summary>The node to replace and its awaited form, or null when an await cannot go there.</summary>
        private static (SyntaxNode Node, SyntaxNode Replacement)? Rewrite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var node = diagnostic.Id == RuleIds.BlockingOnAsync ? BlockingAccess(root.NodeAt<SimpleNameSyntax>(diagnostic)) : root.NodeAt<ExpressionSyntax>(diagnostic);
            if (node is null || !AsyncConversion.CanAwaitAt(node, model, cancellationToken))
            {
                return null;
            }

            if (diagnostic.Properties.ContainsKey(LambdaAnalyzers.Rules.WorkLeftRunningAnalyzer.AsyncLambdaProperty))
            {
                return node is InvocationExpressionSyntax { Parent: ExpressionStatementSyntax statement } forEach && ForEachLoop(forEach) is { } loop
                    ? (statement, loop.WithTriviaFrom(statement).WithAdditionalAnnotations(Formatter.Annotation))
                    : null;
            }

            if (diagnostic.Properties.ContainsKey(LambdaAnalyzers.Rules.WorkLeftRunningAnalyzer.HandedToHelperProperty))
            {
                // `SendAsync().Forget();` becomes `await SendAsync();`: the helper only let the task go.
                return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Expression: InvocationExpressionSyntax } helperStatement
                    ? (helperStatement, ExpressionStatement(AwaitExpression(node.WithoutTrivia())).WithTriviaFrom(helperStatement).WithAdditionalAnnotations(Formatter.Annotation))
                    : null;
            }

            ExpressionSyntax? awaited = node switch
            {
                // LAM302: `_ = SendAsync()` and `SendAsync()`.
                AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: var task } => task,
                InvocationExpressionSyntax invocation when diagnostic.Id == RuleIds.WorkLeftRunning => invocation,

                // LAM303: `t.Result`, `t.Wait()`, `t.GetAwaiter().GetResult()`.
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result", Expression: var task } => task,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait", Expression: var task } } => task,
                InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax
                    {
                        Name.Identifier.ValueText: "GetResult",
                        Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter", Expression: var task } },
                    },
                } => task,
                _ => null,
            };

            if (awaited is null)
            {
                return null;
            }

            var awaitExpression = AwaitExpression(awaited.WithoutTrivia());
            SyntaxNode replacement = node.Parent is ExpressionStatementSyntax
                ? awaitExpression
                : ParenthesizedExpression(awaitExpression).WithAdditionalAnnotations(Simplifier.Annotation);
            return (node, replacement.WithTriviaFrom(node).WithAdditionalAnnotations(Formatter.Annotation));
        }
    }
}
