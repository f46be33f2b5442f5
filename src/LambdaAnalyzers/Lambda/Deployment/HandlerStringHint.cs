using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Deployment
{
    /// <summary>
    /// What a handler string that does not resolve most likely meant: the project's type or method whose name
    /// is nearest to the one written, when one is close. A dotted path to a nested type is the one mistake the
    /// runtime's own syntax explains (nested types are written <c>Outer+Inner</c>).
    /// </summary>
    internal static class HandlerStringHint
    {
        /// <summary>The type meant by a type name that is not in the assembly, and whether it is the nested-type spelling.</summary>
        public static (INamedTypeSymbol? Type, bool NestedSpelling) NearestType(Compilation compilation, string typeName)
        {
            var types = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
            Collect(compilation.Assembly.GlobalNamespace, types);
            var nearest = NearestName.Find(typeName, types.Keys);
            if (nearest is null)
            {
                return (null, false);
            }

            var nested = nearest.Contains('+') && string.Equals(nearest.Replace('+', '.'), typeName, StringComparison.Ordinal);
            return (types[nearest], nested);
        }

        /// <summary>The method meant by a name the type and its base types do not have.</summary>
        public static string? NearestMethod(INamedTypeSymbol type, string methodName)
            => NearestName.Find(methodName, MethodNames(type));

        /// <summary>The method the function's handler string most likely meant, when it does not resolve and one is close.</summary>
        public static IMethodSymbol? IntendedMethod(DeployedFunction function, Compilation compilation)
        {
            var (result, _, typeName, methodName) = HandlerString.Resolve(function, compilation);
            if (typeName is null || methodName is null)
            {
                return null;
            }

            INamedTypeSymbol? type;
            if (result == HandlerResolution.TypeNotFound)
            {
                type = NearestType(compilation, typeName).Type;
            }
            else if (result == HandlerResolution.MethodNotFound)
            {
#pragma warning disable RS0030 // A name read from a deployment file, not a well-known type.
                type = compilation.Assembly.GetTypeByMetadataName(typeName);
#pragma warning restore RS0030
            }
            else
            {
                return null;
            }

            if (type is null)
            {
                return null;
            }

            var name = MethodNames(type).Contains(methodName, StringComparer.Ordinal) ? methodName : NearestMethod(type, methodName);
            var methods = Methods(type).Where(m => m.Name == name).ToList();
            return methods.Count == 1 ? methods[0] : null;
        }

        private static IEnumerable<IMethodSymbol> Methods(INamedTypeSymbol type)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var method in current.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.MethodKind == MethodKind.Ordinary)
                    {
                        yield return method;
                    }
                }
            }
        }

        private static IEnumerable<string> MethodNames(INamedTypeSymbol type) => Methods(type).Select(m => m.Name).Distinct(StringComparer.Ordinal);

        private static void Collect(INamespaceOrTypeSymbol container, Dictionary<string, INamedTypeSymbol> types)
        {
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    Collect(ns, types);
                }
                else if (member is INamedTypeSymbol type)
                {
                    types[MetadataName(type)] = type;
                    Collect(type, types);
                }
            }
        }

        /// <summary>The name the runtime looks a type up by: namespace-qualified, nested types after '+'.</summary>
        public static string MetadataName(INamedTypeSymbol type)
        {
            if (type.ContainingType is { } outer)
            {
                return MetadataName(outer) + "+" + type.MetadataName;
            }

            return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
        }
    }
}
