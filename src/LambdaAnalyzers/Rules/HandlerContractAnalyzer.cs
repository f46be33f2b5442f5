using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM306: a handler named by a deployment file that the .NET runtime's loader would refuse.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HandlerContractAnalyzer : LambdaAnalyzer
    {
        internal const string ReasonProperty = "Reason";
        internal const string SerializerReason = "Serializer";

        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.HandlerRuntimeRefuses,
            title: "Handler the .NET Lambda runtime refuses to load",
            messageFormat: "Handler '{0}', named by {1}, will not load: {2}",
            RuleCategories.ExecutionModel,
            DiagnosticSeverity.Error,
            description: "The managed runtime validates the handler method when it first loads the function: at most two parameters, the second an ILambdaContext, a serializer for any input or output other than Stream, no generic or abstract method, no params parameter, no generic type, and for an instance method a type it can create. A handler that builds and deploys fails its first invocation otherwise.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            if (lambda.DeploymentFiles.IsEmpty)
            {
                return;
            }

            // Each method a deployment file names, with the type each names it on: a handler inherited from a
            // base class is loaded on the derived type the string names, and checked there.
            var named = new Dictionary<IMethodSymbol, List<(DeployedFunction Function, IMethodSymbol Member, INamedTypeSymbol Type)>>(SymbolEqualityComparer.Default);
            foreach (var function in lambda.DeploymentFiles.SelectMany(f => f.Functions))
            {
                if (HandlerString.Resolve(function, context.Compilation) is { Result: HandlerResolution.Resolved, Method: { } member }
                    && HandlerString.NamedType(function, context.Compilation) is { } type)
                {
                    if (!named.TryGetValue(member.OriginalDefinition, out var namings))
                    {
                        named.Add(member.OriginalDefinition, namings = new());
                    }

                    namings.Add((function, member, type));
                }
            }

            if (named.Count == 0)
            {
                return;
            }

            context.RegisterSymbolAction(
                c =>
                {
                    var method = (IMethodSymbol)c.Symbol;
                    if (!named.TryGetValue(method, out var namings) || method.GetAttributes().Any(a => a.AttributeClass.Is(lambda.Types.LambdaFunctionAttribute)))
                    {
                        return; // Annotations: the generated wrapper is the runtime's handler, not this method
                    }

                    var reported = new HashSet<string>();
                    foreach (var (function, member, type) in namings)
                    {
                        if (DependsOnErrorType(member, type))
                        {
                            continue;
                        }

                        var namedBy = $"'{function.LogicalId}' in {Path.GetFileName(function.Location.GetLineSpan().Path)}";
                        foreach (var (reason, serializer) in Refusals(member, type, lambda.Types, c.Compilation))
                        {
                            if (reported.Add(reason))
                            {
                                var properties = serializer ? ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, SerializerReason) : null;
                                c.ReportDiagnostic(Diagnostic.Create(Descriptor, method.Locations[0], properties, method.ToChainName(), namedBy, reason));
                            }
                        }
                    }
                },
                SymbolKind.Method);
        }

        /// <summary>A type the compilation cannot resolve (a missing package) among the named type's bases or the method's signature: the checks would guess.</summary>
        private static bool DependsOnErrorType(IMethodSymbol method, INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.TypeKind == TypeKind.Error)
                {
                    return true;
                }
            }

            return method.ReturnType.TypeKind == TypeKind.Error || method.Parameters.Any(p => p.Type.TypeKind == TypeKind.Error);
        }

        /// <summary>Each reason the runtime's loader gives, in its own words where it has them, for the method as the named type has it.</summary>
        private static IEnumerable<(string Reason, bool Serializer)> Refusals(IMethodSymbol method, INamedTypeSymbol type, WellKnownTypes types, Compilation compilation)
        {
            if (method.Parameters.Length > 2)
            {
                yield return ("the method has more than 2 parameters", false);
            }

            if (method.Parameters.Length == 2 && !method.Parameters[1].Type.Is(types.ILambdaContext))
            {
                yield return ("its second parameter must be ILambdaContext", false);
            }

            if (method.Parameters.Any(p => p.IsParams))
            {
                yield return ("a params parameter is not supported", false);
            }

            if (method.IsGenericMethod)
            {
                yield return ("a generic method cannot be a handler", false);
            }

            if (method.IsAbstract)
            {
                yield return ("an abstract method cannot be a handler", false);
            }

            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsGenericType)
                {
                    yield return ($"its type '{current.Name}' is generic, and the runtime cannot close it", false);
                    break;
                }
            }

            if (!method.IsStatic
                && (type.IsAbstract
                    || (type.TypeKind == TypeKind.Class && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))))
            {
                yield return ($"the runtime cannot create an instance of '{type.Name}' (it needs a non-abstract type with a public parameterless constructor, or a static handler)", false);
            }

            if (NeedsSerializer(method, types) && !HasSerializer(method, compilation, types))
            {
                yield return ("it takes or returns a type other than Stream and no [LambdaSerializer] is on the method or the assembly ('Could not find the LambdaSerializerAttribute')", true);
            }
        }

        private static bool NeedsSerializer(IMethodSymbol method, WellKnownTypes types)
        {
            var input = method.Parameters.Length > 0 && !method.Parameters[0].Type.Is(types.ILambdaContext) ? method.Parameters[0].Type : null;
            var output = method.ReturnsVoid || method.ReturnType.Is(types.Task) || method.ReturnType.Is(types.ValueTask) ? null : types.ResultOf(method.ReturnType);

            return (input is not null && !input.IsOrDerivesFrom(types.Stream)) || (output is not null && !output.IsOrDerivesFrom(types.Stream));
        }

        private static bool HasSerializer(IMethodSymbol method, Compilation compilation, WellKnownTypes types)
            => method.GetAttributes().Concat(compilation.Assembly.GetAttributes()).Any(a => a.AttributeClass.Is(types.LambdaSerializerAttribute));
    }
}
