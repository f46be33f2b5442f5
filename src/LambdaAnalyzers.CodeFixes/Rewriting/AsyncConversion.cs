using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>
    /// Where an <c>await</c> may go: inside an async function as it is, or inside a handler method that can
    /// become async (nothing in the program calls a handler, so changing its return type breaks no caller;
    /// the Lambda runtime accepts Task and Task&lt;T&gt;).
    /// </summary>
    internal static class AsyncConversion
    {
        public static bool CanAwaitAt(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
            => IsAsyncAt(node)
               || (!InLockOrQuery(node) && EnclosingFunction(node) is MethodDeclarationSyntax method && CanBecomeAsync(method, model, cancellationToken));

        /// <summary>Whether an <c>await</c> may go here as the code stands: in an async function, outside a lock or a query.</summary>
        public static bool IsAsyncAt(SyntaxNode node)
            => !InLockOrQuery(node)
               && EnclosingFunction(node) switch
               {
                   AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
                   LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
                   MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
                   _ => false,
               };

        private static bool InLockOrQuery(SyntaxNode node) => node.Ancestors().Any(a => a is LockStatementSyntax or QueryExpressionSyntax);

        /// <summary>Makes the enclosing handler method async (void → Task, T → Task&lt;T&gt;) when it is not yet.</summary>
        public static MethodDeclarationSyntax? MakeAsyncIfNeeded(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken, out MethodDeclarationSyntax? original)
        {
            original = EnclosingFunction(node) as MethodDeclarationSyntax;
            if (original is null || original.Modifiers.Any(SyntaxKind.AsyncKeyword) || !CanBecomeAsync(original, model, cancellationToken))
            {
                original = null;
                return null;
            }

            var returnType = TaskSyntax.Task(model.GetDeclaredSymbol(original, cancellationToken)!.ReturnsVoid ? null : original.ReturnType);
            return original
                .WithReturnType(returnType.WithTriviaFrom(original.ReturnType))
                .AddModifiers(Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space));
        }

        public static SyntaxNode? EnclosingFunction(SyntaxNode node)
            => node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);

        private static bool CanBecomeAsync(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
                || symbol.IsOverride
                || symbol.ExplicitInterfaceImplementations.Length > 0
                || symbol.ReturnsByRef
                || symbol.Parameters.Any(p => p.RefKind != RefKind.None)
                || symbol.ReturnType.IsTaskLike())
            {
                return false;
            }

            return LambdaCompilation.For(model.Compilation).HandlerFor(symbol) is not null;
        }
    }
}
