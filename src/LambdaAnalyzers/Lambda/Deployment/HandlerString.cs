using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Deployment
{
    /// <summary>How a .NET handler string resolves, the way the managed runtime's loader resolves it.</summary>
    internal enum HandlerResolution
    {
        Resolved,
        NotDotNet,
        Malformed,
        OtherAssembly,
        TypeNotFound,
        MethodNotFound,
        Overloaded,

        /// <summary>The method is not found, and a base type the compilation cannot resolve may declare it: unknowable.</summary>
        BaseTypeUnresolved,

        /// <summary>
        /// The type is the Annotations source generator's <c>{Type}_{Method}_Generated</c> wrapper, not written yet
        /// (the generator has not run, or its package is missing), for a <c>[LambdaFunction]</c> method that exists:
        /// the function deploys that method.
        /// </summary>
        NotYetGenerated,
    }

    /// <summary>
    /// <c>Assembly::Namespace.Type::Method</c>: the assembly must be this project's, the type is found by its
    /// full metadata name (nested types with <c>+</c>), the method by name with any accessibility on the type
    /// or a base type, and a name with several overloads is refused. <c>bootstrap</c> and custom-runtime
    /// handlers are not .NET handler strings and are not checked.
    /// </summary>
    internal static class HandlerString
    {
        private const string GeneratedSuffix = "_Generated";
        public static (HandlerResolution Result, IMethodSymbol? Method, string? TypeName, string? MethodName) Resolve(DeployedFunction function, Compilation compilation)
        {
            var handler = function.Handler;
            if (handler is null || (function.Runtime?.StartsWith("provided", StringComparison.OrdinalIgnoreCase) ?? false)
                || (!handler.Contains("::") && !handler.Contains(':')))
            {
                return (HandlerResolution.NotDotNet, null, null, null);
            }

            var parts = handler.Split(new[] { "::" }, StringSplitOptions.None);
            if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0 || p != p.Trim()))
            {
                return (HandlerResolution.Malformed, null, null, null);
            }

            if (!string.Equals(parts[0], compilation.AssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return (HandlerResolution.OtherAssembly, null, parts[1], parts[2]);
            }

#pragma warning disable RS0030 // A name read from a deployment file, not a well-known type.
            var type = compilation.Assembly.GetTypeByMetadataName(parts[1]);
#pragma warning restore RS0030
            if (type is null)
            {
                return AnnotatedMethod(compilation, parts[1], parts[2]) is { } annotated
                    ? (HandlerResolution.NotYetGenerated, annotated, parts[1], parts[2])
                    : (HandlerResolution.TypeNotFound, null, parts[1], parts[2]);
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.TypeKind == TypeKind.Error)
                {
                    // `class Function : APIGatewayProxyFunction` with the package missing: its handler may be there.
                    return (HandlerResolution.BaseTypeUnresolved, null, parts[1], parts[2]);
                }

                var methods = current.GetMembers(parts[2]).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
                if (methods.Count > 1)
                {
                    return (HandlerResolution.Overloaded, null, parts[1], parts[2]);
                }

                if (methods.Count == 1)
                {
                    return (HandlerResolution.Resolved, methods[0], parts[1], parts[2]);
                }
            }

            return (HandlerResolution.MethodNotFound, null, parts[1], parts[2]);
        }

        /// <summary>
        /// The <c>[LambdaFunction]</c> method an Annotations wrapper name <c>Ns.{Type}_{Method}_Generated</c> stands for:
        /// <c>Ns.{Type}</c> in this project, with one method <c>{Method}</c> carrying the attribute (matched by name
        /// when the package is missing and the attribute is an error type).
        /// </summary>
        private static IMethodSymbol? AnnotatedMethod(Compilation compilation, string typeName, string methodName)
        {
            var suffix = "_" + methodName + GeneratedSuffix;
            if (!typeName.EndsWith(suffix, StringComparison.Ordinal) || typeName.Length == suffix.Length)
            {
                return null;
            }

            var baseName = typeName.Substring(0, typeName.Length - suffix.Length);
            if (baseName.EndsWith(".", StringComparison.Ordinal) || baseName.EndsWith("+", StringComparison.Ordinal))
            {
                return null;
            }

#pragma warning disable RS0030 // A name read from a deployment file, not a well-known type.
            var type = compilation.Assembly.GetTypeByMetadataName(baseName);
#pragma warning restore RS0030
            var methods = type?.GetMembers(methodName).OfType<IMethodSymbol>()
                .Where(m => m.MethodKind == MethodKind.Ordinary && m.GetAttributes().Any(IsLambdaFunctionAttribute))
                .ToList();
            return methods is { Count: 1 } ? methods[0] : null;
        }

        private static bool IsLambdaFunctionAttribute(AttributeData attribute)
            => attribute.AttributeClass is { } type
               && (type.TypeKind == TypeKind.Error
                   ? type.Name is "LambdaFunction" or "LambdaFunctionAttribute"
                   : type.MetadataName == "LambdaFunctionAttribute" && type.ContainingNamespace?.ToDisplayString() == "Amazon.Lambda.Annotations");

        /// <summary>The type a handler string names in this project, when it names one (a handler inherited from a base type is checked on it).</summary>
        public static INamedTypeSymbol? NamedType(DeployedFunction function, Compilation compilation)
        {
            var parts = function.Handler?.Split(new[] { "::" }, StringSplitOptions.None);
#pragma warning disable RS0030 // A name read from a deployment file, not a well-known type.
            return parts is { Length: 3 } && string.Equals(parts[0], compilation.AssemblyName, StringComparison.OrdinalIgnoreCase)
                ? compilation.Assembly.GetTypeByMetadataName(parts[1])
                : null;
#pragma warning restore RS0030
        }

        /// <summary>
        /// Whether the project is a Native AOT or custom-runtime executable (its assembly is <c>bootstrap</c>): its own
        /// Main runs the handler, and no handler string its files keep is resolved by the .NET runtime.
        /// </summary>
        public static bool IsCustomRuntimeExecutable(Compilation compilation)
            => string.Equals(compilation.AssemblyName, "bootstrap", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The methods this project's deployment files name, with the function that names each: an Annotations
        /// wrapper not generated yet names the <c>[LambdaFunction]</c> method it wraps.
        /// </summary>
        public static IEnumerable<(IMethodSymbol Method, DeployedFunction Function)> NamedMethods(IEnumerable<DeploymentFile> files, Compilation compilation)
            => files.SelectMany(f => f.Functions)
                .Select(function => (Resolution: Resolve(function, compilation), Function: function))
                .Where(r => r.Resolution.Result is HandlerResolution.Resolved or HandlerResolution.NotYetGenerated)
                .Select(r => (r.Resolution.Method!, r.Function));
    }
}
