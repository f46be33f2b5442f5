using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    internal static class SymbolExtensions
    {
        public static bool Is(this ITypeSymbol? type, INamedTypeSymbol? wellKnown)
            => type is not null && wellKnown is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, wellKnown);

        public static bool IsOrDerivesFrom(this ITypeSymbol? type, INamedTypeSymbol? wellKnown)
        {
            if (wellKnown is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, wellKnown))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Implements(this ITypeSymbol? type, INamedTypeSymbol? wellKnownInterface)
        {
            if (type is null || wellKnownInterface is null)
            {
                return false;
            }

            if (type.Is(wellKnownInterface))
            {
                return true;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, wellKnownInterface))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsInSource(this ISymbol symbol) => symbol.Locations.Length > 0 && symbol.Locations[0].IsInSource;

        /// <summary>How a member reads in a message and a call chain: <c>OrderHandler.Handle</c>, <c>PaymentService..ctor</c>.</summary>
        public static string ToChainName(this ISymbol symbol)
        {
            if (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda)
            {
                return lambda.ContainingSymbol is IMethodSymbol { Name: "<Main>$" } ? "top-level handler lambda" : ToChainName(lambda.ContainingSymbol) + " (lambda)";
            }

            var type = symbol.ContainingType;
            var name = symbol is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : symbol.Name;
            return type is null ? name : type.Name + "." + name;
        }
    }
}
