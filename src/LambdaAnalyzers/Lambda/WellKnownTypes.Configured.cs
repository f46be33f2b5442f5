using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Types and methods that users name in .editorconfig (metadata names, comma-separated), for the libraries
    /// the rules cannot know: a company's HTTP client wrapper, a payment gateway in another assembly. Each
    /// distinct list is resolved once per compilation; a name that resolves to nothing is ignored.
    /// </summary>
    internal sealed partial class WellKnownTypes
    {
        private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _configuredTypes = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConfiguredMethods> _configuredMethods = new(StringComparer.Ordinal);

        /// <summary>The types a list names (<c>MyCompany.Http.PartnerClient, Vendor.Sdk.ApiClient</c>).</summary>
        public ImmutableArray<INamedTypeSymbol> ConfiguredTypes(string list)
            => _configuredTypes.GetOrAdd(list, l => ConfiguredNames(l).Select(Resolve).OfType<INamedTypeSymbol>().ToImmutableArray());

        /// <summary>The methods a list names (<c>MyCompany.Billing.PaymentGateway.Charge</c>: type, then method name; every overload).</summary>
        public ConfiguredMethods ConfiguredMethodsOf(string list)
            => _configuredMethods.GetOrAdd(list, l => new ConfiguredMethods(ConfiguredNames(l).SelectMany(ResolveMethods)));

        private IEnumerable<IMethodSymbol> ResolveMethods(string name)
        {
            var dot = name.LastIndexOf('.');
            if (dot <= 0 || dot == name.Length - 1 || Resolve(name.Substring(0, dot)) is not { } type)
            {
                return Enumerable.Empty<IMethodSymbol>();
            }

            return type.GetMembers(name.Substring(dot + 1)).OfType<IMethodSymbol>();
        }

        private INamedTypeSymbol? Resolve(string metadataName)
        {
            // Referenced assemblies first (the usual case: a wrapper in another assembly), then this project's source.
#pragma warning disable RS0030 // Resolved once per distinct option value, like the well-known types.
            return Get(_compilation, metadataName) ?? _compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
        }

        private static IEnumerable<string> ConfiguredNames(string list)
            => list.Split(new[] { ',', ';', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(n => n.IndexOf('(') is var paren and >= 0 ? n.Substring(0, paren) : n)
                .Where(n => n.Length > 0);
    }

    /// <summary>Methods declared as side effects; a call matches the method, an override of it, or its implementation of a declared interface method.</summary>
    internal sealed class ConfiguredMethods
    {
        private readonly ImmutableHashSet<IMethodSymbol> _methods;
        private readonly ImmutableHashSet<string> _names;

        public ConfiguredMethods(IEnumerable<IMethodSymbol> methods)
        {
            _methods = methods.Select(m => m.OriginalDefinition).ToImmutableHashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            _names = _methods.Select(m => m.Name).ToImmutableHashSet(StringComparer.Ordinal);
        }

        public bool IsEmpty => _methods.IsEmpty;

        public bool Contains(IMethodSymbol method)
        {
            if (!_names.Contains(method.Name))
            {
                return false;
            }

            method = (method.ReducedFrom ?? method).OriginalDefinition;
            for (var current = method; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                if (_methods.Contains(current))
                {
                    return true;
                }
            }

            // A call through the concrete type of a declared interface method, or through an interface a declared class implements.
            foreach (var declared in _methods)
            {
                if (declared.Name != method.Name)
                {
                    continue;
                }

                if (declared.ContainingType.TypeKind == TypeKind.Interface
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(declared)?.OriginalDefinition, method))
                {
                    return true;
                }

                if (method.ContainingType.TypeKind == TypeKind.Interface
                    && SymbolEqualityComparer.Default.Equals(declared.ContainingType.FindImplementationForInterfaceMember(method)?.OriginalDefinition, declared))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
