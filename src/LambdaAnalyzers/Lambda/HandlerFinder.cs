using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Finds the methods Lambda invokes, for one compilation. Declarations answer almost everything (parameter
    /// and attribute types), so no method body is bound except the program entry point, where the bootstrap
    /// style hands its delegate to <c>LambdaBootstrapBuilder.Create</c>. A single method is classified on its
    /// own, so that a rule looking at one document (the IDE after a keystroke) does not confirm every
    /// candidate of the project; the whole list is built from the same classification when asked for.
    /// </summary>
    internal sealed class HandlerFinder
    {
        private readonly Compilation _compilation;
        private readonly WellKnownTypes _types;
        private readonly SemanticModelCache _models;
        private readonly Lazy<Dictionary<IMethodSymbol, (int Order, Deployment.DeployedFunction Function)>> _namedByDeploymentFiles;
        private readonly Lazy<ImmutableArray<IMethodSymbol>> _bootstrapDelegates;
        private readonly Lazy<HashSet<string>> _aliases;
        private readonly Lazy<Dictionary<SyntaxTree, int>> _treeOrder;
        private readonly ConcurrentDictionary<IMethodSymbol, Handler?> _classified = new(SymbolEqualityComparer.Default);

        public HandlerFinder(Compilation compilation, WellKnownTypes types, SemanticModelCache models, Func<ImmutableArray<Deployment.DeploymentFile>> deploymentFiles)
        {
            _compilation = compilation;
            _types = types;
            _models = models;

            // The analyzer driver cancels a whole analysis together, so a fact computed for one rule is not
            // cancelled half-way by another; computing without a token keeps the shared value well-formed.
            _namedByDeploymentFiles = new(
                () =>
                {
                    var named = new Dictionary<IMethodSymbol, (int, Deployment.DeployedFunction)>(SymbolEqualityComparer.Default);
                    foreach (var (method, function) in Deployment.HandlerString.NamedMethods(deploymentFiles(), compilation))
                    {
                        if (!named.ContainsKey(method.OriginalDefinition))
                        {
                            named.Add(method.OriginalDefinition, (named.Count, function));
                        }
                    }

                    return named;
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
            _bootstrapDelegates = new(() => FindBootstrapDelegates(CancellationToken.None).Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToImmutableArray(), LazyThreadSafetyMode.ExecutionAndPublication);
            _aliases = new(() => HandlerCandidates.AliasesIn(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            _treeOrder = new(() => compilation.SyntaxTrees.Select((tree, index) => (tree, index)).ToDictionary(p => p.tree, p => p.index), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The delegates (lambdas or method groups) given to <c>LambdaBootstrapBuilder.Create</c>.</summary>
        public ImmutableArray<IMethodSymbol> BootstrapDelegates => _bootstrapDelegates.Value;

        /// <summary>The handler this method (or bootstrap lambda) is, if any.</summary>
        public Handler? Classify(IMethodSymbol method) => _classified.GetOrAdd(method.OriginalDefinition, Compute);

        /// <summary>
        /// Every handler: those a deployment file names (whatever their parameters), then the candidates of
        /// the code in tree and document order, then the bootstrap delegates.
        /// </summary>
        public ImmutableArray<Handler> All()
        {
            var handlers = ImmutableArray.CreateBuilder<Handler>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            void Add(IMethodSymbol method)
            {
                if (seen.Add(method.OriginalDefinition) && Classify(method) is { } handler)
                {
                    handlers.Add(handler);
                }
            }

            foreach (var method in _namedByDeploymentFiles.Value.OrderBy(p => p.Value.Order).Select(p => p.Key))
            {
                Add(method);
            }

            if (MayHaveCandidates)
            {
                foreach (var declaration in HandlerCandidates.In(_compilation, Aliases))
                {
                    if (_models.Get(declaration.SyntaxTree)?.GetDeclaredSymbol(declaration) is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                    {
                        Add(method);
                    }
                }
            }

            foreach (var method in BootstrapDelegates)
            {
                Add(method);
            }

            return handlers.ToImmutable();
        }

        /// <summary>Where a handler stands in <see cref="All"/>: named by a deployment file, then in the code, then bootstrap.</summary>
        public (int Group, int Position, int Offset) OrderOf(Handler handler)
        {
            if (handler.DiscoveredBy == HandlerDiscovery.DeploymentFile)
            {
                return (0, _namedByDeploymentFiles.Value[handler.Method.OriginalDefinition].Order, 0);
            }

            if (handler.DiscoveredBy == HandlerDiscovery.BootstrapDelegate)
            {
                return (2, BootstrapDelegates.IndexOf(handler.Method.OriginalDefinition, SymbolEqualityComparer.Default), 0);
            }

            var declaration = handler.Method.DeclaringSyntaxReferences.First();
            return (1, _treeOrder.Value.TryGetValue(declaration.SyntaxTree, out var tree) ? tree : int.MaxValue, declaration.Span.Start);
        }

        /// <summary>The using aliases naming the context or the attribute.</summary>
        private HashSet<string> Aliases => _aliases.Value;

        private bool MayHaveCandidates => _types.ILambdaContext is not null || _types.LambdaFunctionAttribute is not null || _types.LambdaSerializerAttribute is not null;

        private Handler? Compute(IMethodSymbol method)
        {
            if (_namedByDeploymentFiles.Value.TryGetValue(method, out var named))
            {
                // The template's events give the trigger when the code does not say.
                var trigger = TriggerInference.Infer(method, _types);
                return new Handler(method, trigger == Trigger.Unknown ? named.Function.Trigger : trigger, HandlerDiscovery.DeploymentFile, named.Function);
            }

            if (method.MethodKind == MethodKind.Ordinary && MayHaveCandidates && IsCandidate(method) && Discover(method, _types) is { } how)
            {
                return new Handler(method, TriggerInference.Infer(method, _types), how);
            }

            if (_types.LambdaBootstrapBuilder is not null && BootstrapDelegates.Contains(method, SymbolEqualityComparer.Default))
            {
                return new Handler(method, TriggerInference.Infer(method, _types), HandlerDiscovery.BootstrapDelegate);
            }

            return null;
        }

        private bool IsCandidate(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is MethodDeclarationSyntax declaration && HandlerCandidates.IsCandidate(declaration, Aliases));

        private static HandlerDiscovery? Discover(IMethodSymbol method, WellKnownTypes types)
        {
            // Checked before the context: a method with its own serializer is called by Lambda, never a helper.
            if (types.LambdaSerializerAttribute is not null && method.GetAttributes().Any(a => a.AttributeClass.Is(types.LambdaSerializerAttribute)))
            {
                return HandlerDiscovery.SerializerAttribute;
            }

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
        private IEnumerable<IMethodSymbol> FindBootstrapDelegates(CancellationToken cancellationToken)
        {
            if (_types.LambdaBootstrapBuilder is null || _compilation.GetEntryPoint(cancellationToken) is not { } entryPoint)
            {
                yield break;
            }

            foreach (var body in _models.GetBodies(entryPoint, cancellationToken))
            {
                foreach (var invocation in body.Descendants().OfType<IInvocationOperation>())
                {
                    if (invocation.TargetMethod.Name != "Create"
                        || !invocation.TargetMethod.ContainingType.Is(_types.LambdaBootstrapBuilder)
                        || invocation.Arguments.Length == 0)
                    {
                        continue;
                    }

                    var target = DelegateTarget(invocation.Arguments[0].Value, body);
                    if (target is not null)
                    {
                        yield return target.OriginalDefinition;
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
