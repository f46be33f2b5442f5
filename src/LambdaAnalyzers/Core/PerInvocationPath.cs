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
    /// The code that runs on every invocation (RULES.md): each handler's body with its lambdas and local
    /// functions, and every method, constructor, accessor and instance initializer of this compilation that
    /// it reaches through calls and <c>new</c>. Found by walking outward from the handlers, breadth first,
    /// once per compilation; code no handler reaches is never bound. The walk goes only as far as the
    /// questions asked so far need: the IDE, analyzing one document, stops as soon as that document's
    /// methods are reached. A breadth-first walk discovers each method at the same step however far it has
    /// gone, so the answers (and the chains in the messages) are those of the whole walk.
    /// </summary>
    /// <remarks>
    /// Not on the path: static initializers and constructors, the handler class's own constructor and
    /// initializers, <c>Lazy&lt;T&gt;</c> factories stored in fields, null-guarded lazy initialisation of a
    /// static or handler field, and DI singleton registrations (see <see cref="InitOnceIdioms"/>).
    /// Interface and virtual calls reach every implementation in source, since any of them may run.
    /// </remarks>
    internal sealed class PerInvocationPath
    {
        private readonly Dictionary<IMethodSymbol, Step> _reachedMethods = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, Step> _typesConstructedPerInvocation = new(SymbolEqualityComparer.Default);
        private readonly InitOnceIdioms _initOnce;
        private readonly Compilation _compilation;
        private readonly SemanticModelCache _models;
        private Dictionary<IMethodSymbol, List<IMethodSymbol>>? _implementations;

        // The walk's state: every read and every step of it happens under the gate.
        private readonly object _gate = new();
        private readonly Queue<Step> _queue = new();
        private readonly ImmutableArray<Handler> _laterRoots;
        private WalkPhase _phase;

        private PerInvocationPath(Compilation compilation, InitOnceIdioms initOnce, SemanticModelCache models, ImmutableArray<Handler> handlers)
        {
            _compilation = compilation;
            _initOnce = initOnce;
            _models = models;
            _laterRoots = handlers.Where(h => !IsEntryPoint(h)).ToImmutableArray();
            Seed(handlers.Where(IsEntryPoint));
        }

        private enum WalkPhase
        {
            FromEntryPoints,
            FromLaterRoots,
            Done,
        }

        /// <summary>
        /// Starts the walk from the entry points; it continues from the handlers known only by an
        /// <c>ILambdaContext</c> parameter and no event type that no entry point reached. The AWS templates pass
        /// the context on to helpers (<c>ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)</c>):
        /// such a helper is on its caller's path, with its caller's trigger, not a synchronous handler of its own.
        /// </summary>
        public static PerInvocationPath Build(Compilation compilation, ImmutableArray<Handler> handlers, InitOnceIdioms initOnce, SemanticModelCache models)
            => new(compilation, initOnce, models, handlers);

        /// <summary>
        /// The path on which <paramref name="operation"/> runs on every invocation, or null when it runs once
        /// per execution environment (or never from a handler).
        /// </summary>
        public InvocationPath? Find(IOperation operation, ISymbol containingSymbol)
        {
            IMethodSymbol? enclosingHandlerLambda = null;
            for (var child = operation; child.Parent is { } parent; child = parent)
            {
                if (_initOnce.TakesOffPath(parent, child))
                {
                    return null;
                }

                if (enclosingHandlerLambda is null
                    && parent is IAnonymousFunctionOperation lambda
                    && IsRoot(lambda.Symbol))
                {
                    enclosingHandlerLambda = lambda.Symbol;
                }
            }

            if (enclosingHandlerLambda is not null)
            {
                return PathTo(enclosingHandlerLambda);
            }

            switch (containingSymbol)
            {
                case IMethodSymbol method:
                    return PathTo(Normalize(method));
                case IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }:
                    lock (_gate)
                    {
                        return WalkUntilFound(_typesConstructedPerInvocation, containingSymbol.ContainingType.OriginalDefinition) is { } constructorStep
                            ? PathTo(constructorStep.Symbol)
                            : null;
                    }

                default:
                    return null;
            }
        }

        /// <summary>The handler whose per-invocation path first reached <paramref name="method"/>, if any.</summary>
        public Handler? HandlerReaching(IMethodSymbol method)
        {
            lock (_gate)
            {
                return StepFor(Normalize(method))?.Handler;
            }
        }

        private bool IsRoot(IMethodSymbol method)
        {
            lock (_gate)
            {
                return _reachedMethods.TryGetValue(method, out var step) && step.Previous is null;
            }
        }

        private InvocationPath? PathTo(IMethodSymbol method)
        {
            lock (_gate)
            {
                if (StepFor(method) is not { } step)
                {
                    return null;
                }

                var chain = new List<ISymbol>();
                for (var current = step; ; current = _reachedMethods[current.Previous!])
                {
                    chain.Add(current.Symbol);
                    if (current.Previous is null)
                    {
                        break;
                    }
                }

                chain.Reverse();
                return new InvocationPath(step.Handler, chain.ToImmutableArray());
            }
        }

        /// <summary>The step that reached the method, walking on until it is reached or the walk is done. Under the gate.</summary>
        private Step? StepFor(IMethodSymbol method) => WalkUntilFound(_reachedMethods, method);

        private Step? WalkUntilFound<TSymbol>(Dictionary<TSymbol, Step> found, TSymbol key)
            where TSymbol : ISymbol
        {
            Step? step;
            while (!found.TryGetValue(key, out step))
            {
                if (!Advance())
                {
                    return null;
                }
            }

            return step;
        }

        private static bool IsEntryPoint(Handler handler)
            => handler.DiscoveredBy != HandlerDiscovery.LambdaContextParameter || handler.Trigger != Trigger.Unknown;

        private void Seed(IEnumerable<Handler> roots)
        {
            foreach (var handler in roots)
            {
                var method = Normalize(handler.Method);
                if (!_reachedMethods.ContainsKey(method))
                {
                    var step = new Step(handler, method, previous: null);
                    _reachedMethods.Add(method, step);
                    _queue.Enqueue(step);
                }
            }
        }

        /// <summary>
        /// One step of the walk: binds the next reached method and records what it reaches. False once the
        /// walk is done. Under the gate. The analyzer driver cancels a whole analysis together, so the walk
        /// runs without a token and its state stays whole for the rules still asking.
        /// </summary>
        private bool Advance()
        {
            while (_queue.Count == 0)
            {
                if (_phase == WalkPhase.FromEntryPoints)
                {
                    _phase = WalkPhase.FromLaterRoots;
                    Seed(_laterRoots);
                    continue;
                }

                _phase = WalkPhase.Done;
                return false;
            }

            var step = _queue.Dequeue();
            foreach (var callee in Callees(step.Symbol, CancellationToken.None))
            {
                var normalized = Normalize(callee);
                if (IsWalkable(normalized) && !_reachedMethods.ContainsKey(normalized))
                {
                    var next = new Step(step.Handler, normalized, step.Symbol);
                    _reachedMethods.Add(normalized, next);
                    _queue.Enqueue(next);
                }
            }

            if (step.Symbol.MethodKind == MethodKind.Constructor && RunsInstanceInitializers(step.Symbol, CancellationToken.None)
                && !_typesConstructedPerInvocation.ContainsKey(step.Symbol.ContainingType))
            {
                _typesConstructedPerInvocation.Add(step.Symbol.ContainingType, step);
            }

            return true;
        }

        /// <summary>What a member reaches: calls, <c>new</c>, property accessors and method groups in its bodies.</summary>
        private IEnumerable<IMethodSymbol> Callees(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var bodies = _models.GetBodies(method, cancellationToken).ToList();
            if (method.MethodKind == MethodKind.Constructor)
            {
                if (RunsInstanceInitializers(method, cancellationToken))
                {
                    bodies.AddRange(InstanceInitializers(method.ContainingType, cancellationToken));
                }

                if (ImplicitBaseConstructor(method, cancellationToken) is { } baseConstructor)
                {
                    yield return baseConstructor;
                }
            }

            foreach (var body in bodies)
            {
                foreach (var operation in DescendantsOnPath(body))
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            yield return invocation.TargetMethod;
                            foreach (var implementation in Implementations(invocation.TargetMethod))
                            {
                                yield return implementation;
                            }

                            break;
                        case IObjectCreationOperation { Constructor: { } constructor }:
                            yield return constructor;
                            break;
                        case IPropertyReferenceOperation { Property: var property }:
                            if (property.GetMethod is { } getter)
                            {
                                yield return getter;
                            }

                            if (property.SetMethod is { } setter)
                            {
                                yield return setter;
                            }

                            break;
                        case IMethodReferenceOperation reference:
                            yield return reference.Method;
                            break;
                    }
                }
            }
        }

        private IEnumerable<IOperation> DescendantsOnPath(IOperation root)
        {
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                yield return operation;
                foreach (var child in operation.ChildOperations)
                {
                    if (!_initOnce.TakesOffPath(operation, child))
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        private static bool RunsInstanceInitializers(IMethodSymbol constructor, CancellationToken cancellationToken)
        {
            // A constructor that chains to `this(...)` leaves the initializers to the one it calls.
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: { } initializer }
                    && initializer.ThisOrBaseKeyword.ValueText == "this")
                {
                    return false;
                }
            }

            return !constructor.IsStatic;
        }

        private IEnumerable<IOperation> InstanceInitializers(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var member in type.GetMembers())
            {
                if (member.IsStatic || member is not (IFieldSymbol or IPropertySymbol))
                {
                    continue;
                }

                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax(cancellationToken);
                    SyntaxNode? initializer = syntax switch
                    {
                        VariableDeclaratorSyntax declarator => declarator.Initializer,
                        PropertyDeclarationSyntax property => property.Initializer,
                        _ => null,
                    };

                    if (initializer is not null && _models.Get(initializer.SyntaxTree)?.GetOperation(initializer, cancellationToken) is { } operation)
                    {
                        yield return operation;
                    }
                }
            }
        }

        private static IMethodSymbol? ImplicitBaseConstructor(IMethodSymbol constructor, CancellationToken cancellationToken)
        {
            var hasExplicitInitializer = constructor.DeclaringSyntaxReferences
                .Any(r => r.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: not null } or TypeDeclarationSyntax { BaseList: not null });
            if (hasExplicitInitializer || constructor.ContainingType.BaseType is not { } baseType || !baseType.IsInSource())
            {
                return null;
            }

            return baseType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
        }

        /// <summary>Source overrides and interface implementations a virtual or interface call may dispatch to.</summary>
        private IEnumerable<IMethodSymbol> Implementations(IMethodSymbol target)
        {
            var definition = target.OriginalDefinition;
            if (!(definition.IsAbstract || definition.IsVirtual || definition.ContainingType.TypeKind == TypeKind.Interface) || !definition.IsInSource())
            {
                return Enumerable.Empty<IMethodSymbol>();
            }

            _implementations ??= IndexImplementations();
            return _implementations.TryGetValue(definition, out var implementations) ? implementations : Enumerable.Empty<IMethodSymbol>();
        }

        private Dictionary<IMethodSymbol, List<IMethodSymbol>> IndexImplementations()
        {
            var index = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            void Add(IMethodSymbol declared, IMethodSymbol implementation)
            {
                if (!index.TryGetValue(declared, out var list))
                {
                    index[declared] = list = new List<IMethodSymbol>();
                }

                list.Add(implementation);
            }

            foreach (var symbol in _compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type))
            {
                if (symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type)
                {
                    continue;
                }

                foreach (var member in type.GetMembers().OfType<IMethodSymbol>())
                {
                    for (var overridden = member.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        Add(overridden.OriginalDefinition, member);
                    }
                }

                foreach (var @interface in type.AllInterfaces)
                {
                    if (!@interface.IsInSource())
                    {
                        continue;
                    }

                    foreach (var interfaceMethod in @interface.GetMembers().OfType<IMethodSymbol>())
                    {
                        if (type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation)
                        {
                            Add(interfaceMethod.OriginalDefinition, implementation);
                        }
                    }
                }
            }

            return index;
        }

        /// <summary>Code we can see: source bodies, and implicit constructors of source types (they run initializers).</summary>
        private static bool IsWalkable(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Length > 0
               || (method.MethodKind == MethodKind.Constructor && method.ContainingType.IsInSource());

        private static IMethodSymbol Normalize(IMethodSymbol method)
        {
            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            return definition.PartialImplementationPart ?? definition;
        }

        private sealed class Step
        {
            public Step(Handler handler, IMethodSymbol symbol, IMethodSymbol? previous)
            {
                Handler = handler;
                Symbol = symbol;
                Previous = previous;
            }

            public Handler Handler { get; }

            public IMethodSymbol Symbol { get; }

            public IMethodSymbol? Previous { get; }
        }
    }
}
