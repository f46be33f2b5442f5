using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>
    /// Whether an expression can be evaluated at init, in a static field initializer: it may use constants,
    /// static members, types and environment reads, but no local, parameter, instance member or await.
    /// A local that the same fix turns into a field (<paramref name="fieldLocals"/>: true for a static field)
    /// counts as that field.
    /// </summary>
    internal static class InitTimeExpression
    {
        public static bool CanMoveToStaticInitializer(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals = null)
            => CanMove(expression, model, instanceType: null, fieldLocals, cancellationToken);

        /// <summary>
        /// Whether the expression can run at the end of a constructor of <paramref name="instanceType"/>: as
        /// for a static initializer, plus the instance's own fields, properties and methods.
        /// </summary>
        public static bool CanMoveToConstructor(ExpressionSyntax expression, SemanticModel model, INamedTypeSymbol instanceType, CancellationToken cancellationToken, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals = null)
            => CanMove(expression, model, instanceType, fieldLocals, cancellationToken);

        private static bool CanMove(ExpressionSyntax expression, SemanticModel model, INamedTypeSymbol? instanceType, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals, CancellationToken cancellationToken)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case AwaitExpressionSyntax:
                        return false;
                    case ThisExpressionSyntax or BaseExpressionSyntax when instanceType is null:
                        return false;
                    case IdentifierNameSyntax identifier when !IsAvailable(identifier, expression, model, instanceType, fieldLocals, cancellationToken):
                        return false;
                }
            }

            return true;
        }

        private static bool IsAvailable(IdentifierNameSyntax identifier, ExpressionSyntax scope, SemanticModel model, INamedTypeSymbol? instanceType, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals, CancellationToken cancellationToken)
        {
            if (identifier.IsVar)
            {
                return true;
            }

            var info = model.GetSymbolInfo(identifier, cancellationToken);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            switch (symbol)
            {
                case null:
                    return false; // unresolved: broken code, decline
                case ILocalSymbol local when fieldLocals is not null && fieldLocals.TryGetValue(local, out var isStatic):
                    return isStatic || instanceType is not null;
                case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol:
                    return symbol.DeclaringSyntaxReferences.Any(r => scope.Span.Contains(r.Span));
                case ITypeParameterSymbol typeParameter:
                    return typeParameter.TypeParameterKind == TypeParameterKind.Type;
                case INamespaceOrTypeSymbol:
                    return true;
                case IFieldSymbol { IsConst: true }:
                    return true;
                case IMethodSymbol { MethodKind: MethodKind.LocalFunction }:
                    return false;
                default:
                    return symbol.IsStatic || HasExplicitReceiver(identifier) || IsObjectInitializerTarget(identifier)
                        || (instanceType is not null && IsMemberOf(symbol, instanceType));
            }
        }

        private static bool IsMemberOf(ISymbol symbol, INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, current.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Static.Instance.Member</c>: the receiver is checked on its own.</summary>
        private static bool HasExplicitReceiver(IdentifierNameSyntax identifier)
            => identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier
               || identifier.Parent is MemberBindingExpressionSyntax;

        /// <summary><c>new AmazonS3Config { RegionEndpoint = ... }</c>: the left side names the new object's member.</summary>
        private static bool IsObjectInitializerTarget(IdentifierNameSyntax identifier)
            => identifier.Parent is AssignmentExpressionSyntax assignment
               && assignment.Left == identifier
               && assignment.Parent is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression };
    }
}
