using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Finds the methods Lambda invokes. Declarations answer almost everything (parameter and attribute
    /// types), so no method body is bound except the program entry point, where the bootstrap style
    /// hands its delegate to <c>LambdaBootstrapBuilder.Create</c>.
    /// </summary>
    internal static class HandlerFinder
    {
        public static ImmutableArray<Handler> Find(Compilation compilation, WellKnownTypes types, SemanticModelCache models, ImmutableArray<Deployment.DeploymentFile> deploymentFiles, CancellationToken cancellationToken)
        {
            var handlers = ImmutableArray.CreateBuilder<Handler>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

            // A method a deployment file names is a handler whatever its parameters; its trigger comes from the
            // template's events when the code does not say.
            foreach (var (method, function) in Deployment.HandlerString.NamedMethods(deploymentFiles, compilation))
            {
                if (seen.Add(method))
                {
                    var trigger = TriggerInference.Infer(method, types);
                    handlers.Add(new Handler(method, trigger == Trigger.Unknown ? function.Trigger : trigger, HandlerDiscovery.DeploymentFile, function));
                }
            }

            if (types.ILambdaContext is not null || types.LambdaFunctionAttribute is not null)
            {
                foreach (var declaration in HandlerCandidates.In(compilation))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (models.Get(declaration.SyntaxTree)?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                    {
                        continue;
                    }

                    var discovery = Discover(method, types);
                    if (discovery is { } how && seen.Add(method))
                    {
                        handlers.Add(new Handler(method, TriggerInference.Infer(method, types), how));
                    }
                }
            }

            if (types.LambdaBootstrapBuilder is not null)
            {
                foreach (var method in FindBootstrapDelegates(compilation, types, models, cancellationToken))
                {
                    if (seen.Add(method))
                    {
                        handlers.Add(new Handler(method, TriggerInference.Infer(method, types), HandlerDiscovery.BootstrapDelegate));
                    }
                }
            }

            return handlers.ToImmutable();
        }

        private static HandlerDiscovery? Discover(IMethodSymbol method, WellKnownTypes types)
        {
            if (types.ILambdaContext is not null && method.Parameters.Any(p => p.Type.Is(types.ILambdaContext)))
            {
                return HandlerDiscovery.LambdaContextParameter;
            }

            if (types.LambdaFunctionAttribute is not null && method.GetAttributes().Any(a => a.AttributeClass.Is(types.LambdaFunctionAttribute)))
            {
                return HandlerDiscovery.LambdaFunctionAttribute;
            }

            return null;
        }

        /// <summary>The delegates given to <c>LambdaBootstrapBuilder.Create</c> in <c>Main</c> or top-level statements.</summary>
        private static IEnumerable<IMethodSymbol> FindBootstrapDelegates(Compilation compilation, WellKnownTypes types, SemanticModelCache models, CancellationToken cancellationToken)
        {
            var entryPoint = compilation.GetEntryPoint(cancellationToken);
            if (entryPoint is null)
            {
                yield break;
            }

            foreach (var body in models.GetBodies(entryPoint, cancellationToken))
            {
                foreach (var invocation in body.Descendants().OfType<IInvocationOperation>())
                {
                    if (invocation.TargetMethod.Name != "Create"
                        || !invocation.TargetMethod.ContainingType.Is(types.LambdaBootstrapBuilder)
                        || invocation.Arguments.Length == 0)
                    {
                        continue;
                    }

                    var target = DelegateTarget(invocation.Arguments[0].Value, body);
                    if (target is not null)
                    {
                        yield return target;
                    }
                }
            }
        }

        private static IMethodSymbol? DelegateTarget(IOperation value, IOperation body)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        continue;
                    case IDelegateCreationOperation creation:
                        value = creation.Target;
                        continue;
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Symbol;
                    case IMethodReferenceOperation reference:
                        return reference.Method.OriginalDefinition;
                    case ILocalReferenceOperation local:
                        // `var handler = (string input, ILambdaContext context) => ...; LambdaBootstrapBuilder.Create(handler, ...)`
                        var declarator = body.Descendants().OfType<IVariableDeclaratorOperation>()
                            .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
                        var initializer = declarator?.GetVariableInitializer()?.Value;
                        if (initializer is null)
                        {
                            return null;
                        }

                        value = initializer;
                        continue;
                    default:
                        return null;
                }
            }
        }
    }
}
