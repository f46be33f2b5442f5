using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// The code that runs on every invocation (docs/lambda-semantics.md): each handler's body with its lambdas and local
    /// functions, and every method, constructor, accessor and instance initializer of this compilation that
    /// it reaches through calls and <c>new</c>, and the lambdas stored in the delegates it invokes
    /// (<see cref="StoredDelegates"/>). Defined as a breadth-first walk outward from the handlers
    /// (entry points first, then handlers known only by an <c>ILambdaContext</c> parameter), where each
    /// member is reached by the first step that finds it; that step's chain is the one messages show.
    /// </summary>
    /// <remarks>
    /// <para>
    /// This is the reachability component: the rules and the Lambda domain ask it only what its public members
    /// answer (<see cref="Find"/>, <see cref="PathTo"/>, <see cref="TargetsOf"/>, <see cref="ReachedFrom"/>,
    /// <see cref="DeclarationsMentioning"/>); how it finds the answers (the call-site index, the stored
    /// delegates) is nested in it and private.
    /// </para>
    /// <para>
    /// A question is answered from the code asked about outward, not by walking every handler: the callers
    /// that can lead to the member are found by name (<see cref="CallSiteIndex"/>, from syntax) and confirmed
    /// by binding them, and the walk then runs over those members only. Every caller of a member in that set
    /// is in it, so each member is reached at the same step, by the same predecessor, as in the whole walk;
    /// the answers are the same, and in the IDE a keystroke binds the edited document's callers instead of
    /// every handler of the project. Answers and bound call lists are kept for the compilation.
    /// </para>
    /// <para>
    /// Not on the path: static initializers and constructors, the handler class's own constructor and
    /// initializers, <c>Lazy&lt;T&gt;</c> factories stored in fields, null-guarded lazy initialisation of a
    /// static or handler field, and DI singleton registrations (see <see cref="InitOnceIdioms"/>).
    /// Interface and virtual calls reach every implementation in source, since any of them may run.
    /// </para>
    /// </remarks>
    internal sealed partial class PerInvocationPath
    {
        private readonly InitOnceIdioms _initOnce;
        private readonly Compilation _compilation;
        private readonly SemanticModelCache _models;
        private readonly HandlerFinder _handlers;
        private readonly Lazy<ImmutableArray<IMethodSymbol>> _rootLambdas;
        private readonly Lazy<CallSiteIndex> _callSites;
        private readonly Lazy<bool> _rootLambdasBound;
        private readonly StoredDelegates _stored;

        // The rules ask from several threads at once, and most questions were answered before. Two threads
        // may bind the same member at the same moment; the results are the same. An answer is published after
        // the answers for the members its chain passes through.
        private readonly ConcurrentDictionary<IMethodSymbol, Step?> _answers = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, Step?> _constructedBy = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _callees = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentDictionary<IMethodSymbol, bool>> _calledBy = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _callers = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, Lazy<bool>> _namesBound = new();
        private readonly ConcurrentDictionary<SyntaxNode, ImmutableArray<IMethodSymbol>> _declaredBy = new();
        private readonly ConcurrentDictionary<IMethodSymbol, Root?> _roots = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);

        private PerInvocationPath(Compilation compilation, InitOnceIdioms initOnce, SemanticModelCache models, HandlerFinder handlers)
        {
            _compilation = compilation;
            _initOnce = initOnce;
            _models = models;
            _handlers = handlers;
            _rootLambdas = new(() => handlers.BootstrapDelegates.Where(m => m.MethodKind == MethodKind.AnonymousFunction).Select(Normalize).ToImmutableArray(), LazyThreadSafetyMode.ExecutionAndPublication);
            _callSites = new(() => new CallSiteIndex(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            _stored = new StoredDelegates(compilation, models, () => CallSites);

            // Handler lambdas and the stored lambdas of top-level statements: their calls sit in no member the
            // call-site index holds, so they are asked about every callee.
            _rootLambdasBound = new(
                () =>
                {
                    foreach (var lambda in _rootLambdas.Value.Concat(_stored.StoredLambdasOfTopLevelStatements().Select(Normalize)))
                    {
                        CalleesOf(lambda);
                    }

                    return true;
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// The path for the handlers of a compilation. The AWS templates pass the context on to helpers
        /// (<c>ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)</c>): such a helper is on
        /// its caller's path, with its caller's trigger, which is why those handlers are walked from last.
        /// </summary>
        public static PerInvocationPath Build(Compilation compilation, HandlerFinder handlers, InitOnceIdioms initOnce, SemanticModelCache models)
            => new(compilation, initOnce, models, handlers);

        /// <summary>
        /// The path on which <paramref name="operation"/> runs on every invocation, or null when it runs once
        /// per execution environment (or never from a handler).
        /// </summary>
        public InvocationPath? Find(IOperation operation, ISymbol containingSymbol)
        {
            _models.Offer(operation.SemanticModel);
            IMethodSymbol? enclosingHandlerLambda = null;

            // A lambda stored in a variable runs where the variable is invoked, whatever runs the code around it.
            IMethodSymbol? storedLambda = null;
            for (var child = operation; child.Parent is { } parent; child = parent)
            {
                if (_initOnce.TakesOffPath(parent, child))
                {
                    return storedLambda is null ? null : PathTo(storedLambda);
                }

                if (parent is IAnonymousFunctionOperation lambda)
                {
                    if (enclosingHandlerLambda is null && IsRoot(lambda.Symbol))
                    {
                        enclosingHandlerLambda = lambda.Symbol;
                    }
                    else if (storedLambda is null && enclosingHandlerLambda is null && lambda.Syntax is AnonymousFunctionExpressionSyntax syntax && StoredDelegates.StoredName(syntax) is not null)
                    {
                        storedLambda = lambda.Symbol;
                    }
                }
            }

            if (enclosingHandlerLambda is not null)
            {
                return PathTo(enclosingHandlerLambda);
            }

            var path = containingSymbol switch
            {
                IMethodSymbol method => PathTo(method),
                IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }
                    => ConstructorReachedFirst(containingSymbol.ContainingType.OriginalDefinition) is { } constructorStep ? PathTo(constructorStep.Symbol) : null,
                _ => null,
            };
            return path ?? (storedLambda is null ? null : PathTo(storedLambda));
        }

        /// <summary>
        /// The members of this compilation a call to <paramref name="target"/> may run: the target itself when it
        /// has code here, and the source overrides and interface implementations it may dispatch to. Empty for
        /// a call into a package or the framework.
        /// </summary>
        public IEnumerable<IMethodSymbol> TargetsOf(IMethodSymbol target)
        {
            var method = Normalize(target);
            if (method.DeclaringSyntaxReferences.Length > 0 && !method.IsAbstract)
            {
                yield return method;
            }

            foreach (var implementation in Implementations(target))
            {
                yield return Normalize(implementation);
            }
        }

        /// <summary>
        /// The whole walk from every handler: each member any handler reaches, with the member it was reached
        /// from (null for a handler). What the per-question answers must agree with; tests compare the two.
        /// </summary>
        internal IReadOnlyDictionary<IMethodSymbol, (Handler Handler, IMethodSymbol? Previous)> WalkEverything()
            => Walk(within: null, out _).ToDictionary<Step, IMethodSymbol, (Handler, IMethodSymbol?)>(s => s.Symbol, s => (s.Handler, s.Previous), SymbolEqualityComparer.Default);

        /// <summary>
        /// Every member a method reaches through calls and <c>new</c> (itself included), whichever handler reaches
        /// each first: what runs when it runs. For questions about one handler's whole reach, asked rarely.
        /// </summary>
        public IEnumerable<IMethodSymbol> ReachedFrom(IMethodSymbol method)
        {
            var start = Normalize(method);
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { start };
            var pending = new Queue<IMethodSymbol>(seen);
            while (pending.Count > 0)
            {
                var current = pending.Dequeue();
                yield return current;
                foreach (var callee in CalleesOf(current))
                {
                    if (seen.Add(callee))
                    {
                        pending.Enqueue(callee);
                    }
                }
            }
        }

        private CallSiteIndex CallSites => _callSites.Value;

        /// <summary>The member declarations whose code mentions <paramref name="name"/>: every place that may call a member of that name.</summary>
        public IEnumerable<SyntaxNode> DeclarationsMentioning(string name) => CallSites.DeclarationsMentioning(name);

        /// <summary>A handler lambda: nothing calls a lambda by name, so one that is a handler is always a root.</summary>
        private bool IsRoot(IMethodSymbol lambda) => _rootLambdas.Value.Contains(Normalize(lambda), SymbolEqualityComparer.Default);

        /// <summary>The path to a member: how the first handler to reach it does, or null when none does.</summary>
        public InvocationPath? PathTo(IMethodSymbol method)
        {
            if (StepFor(Normalize(method)) is not { } step)
            {
                return null;
            }

            var chain = new List<ISymbol>();
            for (var current = step; ; current = _answers[current.Previous!]!)
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

        /// <summary>The step that reaches the method, or null when no handler reaches it.</summary>
        private Step? StepFor(IMethodSymbol method)
        {
            if (!_answers.TryGetValue(method, out var step))
            {
                Answer(new[] { method }, out _);
                step = _answers[method];
            }

            return step;
        }

        /// <summary>
        /// The first constructor of <paramref name="type"/> that the walk reaches and that runs the instance
        /// initializers: how a field or property initializer comes to run per invocation.
        /// </summary>
        private Step? ConstructorReachedFirst(INamedTypeSymbol type)
        {
            if (!_constructedBy.TryGetValue(type, out var step))
            {
                var constructors = type.InstanceConstructors.Select(Normalize).Where(c => IsWalkable(c) && RunsInstanceInitializers(c, CancellationToken.None));
                Answer(constructors, out var constructed);
                step = _constructedBy.GetOrAdd(type, constructed.TryGetValue(type, out var first) ? first : null);
            }

            return step;
        }

        /// <summary>
        /// Answers for <paramref name="targets"/> and every member that can lead to them: the walk over just
        /// those members reaches each at the same step as the whole walk.
        /// </summary>
        private void Answer(IEnumerable<IMethodSymbol> targets, out Dictionary<INamedTypeSymbol, Step> constructed)
        {
            var within = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var target in targets)
            {
                // An entry point is reached by itself before the walk takes any step: who calls it cannot
                // change that, so its callers are not looked for (most questions are about handlers).
                if (RootFor(target) is { IsEntryPoint: true } root)
                {
                    _answers.TryAdd(target, new Step(root.Handler, target, previous: null));
                }
                else
                {
                    within.Add(target);
                }
            }

            var pending = new Stack<IMethodSymbol>(within);
            while (pending.Count > 0)
            {
                foreach (var caller in CallersOf(pending.Pop()))
                {
                    // An entry point is reached at the walk's first step whoever calls it: its callers lead nowhere sooner.
                    if (within.Add(caller) && RootFor(caller) is not { IsEntryPoint: true })
                    {
                        pending.Push(caller);
                    }
                }
            }

            // In the order reached, so that a published step's chain is published before it.
            foreach (var step in Walk(within, out constructed))
            {
                _answers.TryAdd(step.Symbol, step);
            }

            foreach (var method in within)
            {
                _answers.TryAdd(method, null);
            }
        }

        /// <summary>
        /// The breadth-first walk from the handlers, through <paramref name="within"/> only (everything when
        /// null): the steps in the order reached, and per type the first constructor reached that runs the
        /// instance initializers. The analyzer driver cancels a whole analysis together, so the walk runs
        /// without a token and the kept answers stay whole for the rules still asking.
        /// </summary>
        private List<Step> Walk(HashSet<IMethodSymbol>? within, out Dictionary<INamedTypeSymbol, Step> constructed)
        {
            var reached = new Dictionary<IMethodSymbol, Step>(SymbolEqualityComparer.Default);
            var inOrder = new List<Step>();
            var firstConstructors = new Dictionary<INamedTypeSymbol, Step>(SymbolEqualityComparer.Default);
            var queue = new Queue<Step>();
            void Reach(Step step)
            {
                reached.Add(step.Symbol, step);
                inOrder.Add(step);
                queue.Enqueue(step);
                if (step.Symbol.MethodKind == MethodKind.Constructor
                    && !firstConstructors.ContainsKey(step.Symbol.ContainingType)
                    && RunsInstanceInitializers(step.Symbol, CancellationToken.None))
                {
                    firstConstructors.Add(step.Symbol.ContainingType, step);
                }
            }

            bool Wanted(IMethodSymbol method) => (within is null || within.Contains(method)) && !reached.ContainsKey(method);

            // Entry points first, then the handlers known only by their context parameter, each in discovery order.
            var roots = (within ?? _handlers.All().Select(h => Normalize(h.Method)))
                .Select(RootFor).OfType<Root>().Distinct().OrderBy(r => r.Order).ToImmutableArray();
            foreach (var entryPoints in new[] { true, false })
            {
                foreach (var root in roots.Where(r => r.IsEntryPoint == entryPoints))
                {
                    if (Wanted(root.Method))
                    {
                        Reach(new Step(root.Handler, root.Method, previous: null));
                    }
                }

                // Once everything asked about is reached, nothing left in the queue can change an answer.
                while (queue.Count > 0 && (within is null || reached.Count < within.Count))
                {
                    var step = queue.Dequeue();
                    foreach (var callee in CalleesOf(step.Symbol))
                    {
                        if (Wanted(callee))
                        {
                            Reach(new Step(step.Handler, callee, step.Symbol));
                        }
                    }
                }

                queue.Clear();
            }

            constructed = firstConstructors;
            return inOrder;
        }

        /// <summary>The members a member reaches, in the order its code reaches them, bound once.</summary>
        private ImmutableArray<IMethodSymbol> CalleesOf(IMethodSymbol method)
        {
            if (!_callees.TryGetValue(method, out var callees))
            {
                callees = Callees(method, CancellationToken.None).Select(Normalize).Where(IsWalkable).Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToImmutableArray();

                // The reverse edges first: whoever sees the call list sees them.
                foreach (var callee in callees)
                {
                    _calledBy.GetOrAdd(callee, _ => new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default))[method] = true;
                }

                callees = _callees.GetOrAdd(method, callees);
            }

            return callees;
        }

        /// <summary>
        /// The members whose code reaches <paramref name="method"/>. Every caller mentions one of the names the
        /// member is called by (or is a handler lambda), so once the code of every member mentioning those names
        /// is bound, the callers bound so far are all of them. A name is expanded once per compilation: many
        /// classes with a method of the same name would otherwise make each question scan all the others. A
        /// static member's name is expanded only in code that may call it through its types
        /// (<see cref="CallSiteIndex.DeclarationsCallingStatic"/>), once per name and types.
        /// </summary>
        private ImmutableArray<IMethodSymbol> CallersOf(IMethodSymbol method)
        {
            if (_callers.TryGetValue(method, out var callers))
            {
                return callers;
            }

            // A private member is looked for in its own type's code only, which its hosts' names would hardly narrow.
            var onlyWithin = OnlyCallableWithin(method);
            var staticHosts = onlyWithin.IsDefault ? StaticHosts(method) : null;
            foreach (var name in NamesAtCallSites(method))
            {
                if (_namesBound.TryGetValue(name, out var everyMention) && everyMention.IsValueCreated)
                {
                    continue;
                }

                if (onlyWithin.IsDefault)
                {
                    var expansion = staticHosts is null ? name : $"{name} of {string.Join(", ", staticHosts)}";
                    _ = _namesBound.GetOrAdd(expansion, _ => new Lazy<bool>(() => BindAll(CandidateCallers(name, staticHosts)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
                }
                else
                {
                    BindAll(CallSiteIndex.DeclarationsWithin(name, onlyWithin));
                }
            }

            if (method.MethodKind != MethodKind.AnonymousFunction || _stored.HolderOf(method) is not null)
            {
                _ = _rootLambdasBound.Value;
            }

            callers = _calledBy.TryGetValue(method, out var found) ? found.Keys.ToImmutableArray() : ImmutableArray<IMethodSymbol>.Empty;
            return _callers.GetOrAdd(method, callers);
        }

        /// <summary>
        /// The declarations of a private member's type: only their code can call it. Many types have a private
        /// method of the same name (every function class of the AWS templates has its own
        /// <c>ProcessMessageAsync</c>), and asking about one must not bind the callers of all the others; nor
        /// does it need the project's whole index (a keystroke in a handler's private helper reads the edited
        /// file's names only).
        /// Default for any other member.
        /// </summary>
        private ImmutableArray<SyntaxReference> OnlyCallableWithin(IMethodSymbol method)
            => method.MethodKind == MethodKind.AnonymousFunction
                ? _stored.HolderOf(method)?.OnlyWithin ?? default
                : method.DeclaredAccessibility == Accessibility.Private && method.ExplicitInterfaceImplementations.IsEmpty && method.ContainingType is { } type
                ? type.DeclaringSyntaxReferences
                : default;

        /// <summary>
        /// The names of the types through which code can call a static member: its own type and the source types
        /// deriving from it (static members are inherited). Null for any other member, and for a static member
        /// that is not called as <c>Type.Member</c> (extension methods, static abstract or virtual ones).
        /// </summary>
        private IReadOnlyList<string>? StaticHosts(IMethodSymbol method)
            => method is { IsStatic: true, IsExtensionMethod: false, IsAbstract: false, IsVirtual: false, MethodKind: MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet }
               && method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface, CanBeReferencedByName: true } type
                ? SelfAndDerivedInSource(type).Select(t => t.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList()
                : null;

        /// <summary>The declarations that may call a member by <paramref name="name"/>: those mentioning it, or for a static member those that may call it through one of its hosts.</summary>
        private IEnumerable<SyntaxNode> CandidateCallers(string name, IReadOnlyList<string>? staticHosts)
            => staticHosts is null ? CallSites.DeclarationsMentioning(name) : CallSites.DeclarationsCallingStatic(name, staticHosts);

        private bool BindAll(IEnumerable<SyntaxNode> declarations)
        {
            foreach (var declaration in declarations)
            {
                BindDeclaredBy(declaration);
            }

            return true;
        }

        private void BindDeclaredBy(SyntaxNode declaration)
        {
            foreach (var candidate in DeclaredBy(declaration))
            {
                CalleesOf(candidate);
            }
        }

        /// <summary>
        /// How code spells a call to the member (see <see cref="CallSiteIndex"/>); for a lambda, the name of the
        /// variable it is stored in (<c>_factory()</c>, <c>_factory.Invoke()</c>), none when it is not stored.
        /// </summary>
        private IEnumerable<string> NamesAtCallSites(IMethodSymbol method)
        {
            switch (method.MethodKind)
            {
                case MethodKind.AnonymousFunction:
                    return _stored.HolderOf(method) is { } holder ? new[] { holder.Symbol.Name } : Enumerable.Empty<string>();
                case MethodKind.Constructor:
                    // Only an interpolated-string handler type is constructed by an interpolated string.
                    return method.ContainingType.GetAttributes().Any(a => a.AttributeClass?.Name == "InterpolatedStringHandlerAttribute")
                        ? new[] { method.ContainingType.Name, CallSiteIndex.ImplicitConstruction, CallSiteIndex.Interpolation }
                        : new[] { method.ContainingType.Name, CallSiteIndex.ImplicitConstruction };
                case MethodKind.PropertyGet or MethodKind.PropertySet when method.AssociatedSymbol is IPropertySymbol property:
                    return new[] { property.IsIndexer ? CallSiteIndex.ElementAccess : SimpleName(property) };
                default:
                    return new[] { SimpleName(method) };
            }
        }

        /// <summary><c>M</c> for an explicit implementation named <c>Ns.IService.M</c>.</summary>
        private static string SimpleName(ISymbol symbol) => symbol.Name.Substring(symbol.Name.LastIndexOf('.') + 1);

        /// <summary>The members whose code a declaration the call-site index names holds.</summary>
        private ImmutableArray<IMethodSymbol> DeclaredBy(SyntaxNode declaration)
        {
            if (_declaredBy.TryGetValue(declaration, out var members))
            {
                return members;
            }

            var model = _models.Get(declaration.SyntaxTree);
            members = declaration switch
            {
                _ when model is null => ImmutableArray<IMethodSymbol>.Empty,
                ArrowExpressionClauseSyntax { Parent: { } property } => model.GetDeclaredSymbol(property) is IPropertySymbol { GetMethod: { } getter }
                    ? ImmutableArray.Create(getter)
                    : ImmutableArray<IMethodSymbol>.Empty,
                // A static initializer indexed for the lambdas it stores (below): no constructor of it runs per invocation.
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } } when field.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword))
                    => ImmutableArray<IMethodSymbol>.Empty,
                EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } when property.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword))
                    => ImmutableArray<IMethodSymbol>.Empty,
                EqualsValueClauseSyntax or BaseListSyntax => declaration.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } type && model.GetDeclaredSymbol(type) is INamedTypeSymbol declared
                    ? declared.InstanceConstructors
                    : ImmutableArray<IMethodSymbol>.Empty,
                _ => model.GetDeclaredSymbol(declaration) is IMethodSymbol method ? ImmutableArray.Create(method) : ImmutableArray<IMethodSymbol>.Empty,
            };

            // The lambdas it stores run where they are invoked, so they are callers in their own right.
            return _declaredBy.GetOrAdd(declaration, members.Concat(_stored.StoredLambdasWithin(declaration)).Select(Normalize).ToImmutableArray());
        }

        /// <summary>The root a (normalized) member is when it is a handler.</summary>
        private Root? RootFor(IMethodSymbol method)
            => _roots.GetOrAdd(method, m => _handlers.Classify(m) is { } handler ? new Root(handler, m, _handlers.OrderOf(handler)) : null);

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

                // `class Service(IAmazonS3 s3) : ServiceBase(s3)`: the primary constructor's call to the base one.
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList: { } baseList }
                        && baseList.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault() is { } baseCall
                        && _models.Get(baseCall.SyntaxTree)?.GetOperation(baseCall, cancellationToken) is { } baseCallOperation)
                    {
                        bodies.Add(baseCallOperation);
                    }
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

                            if (StoredDelegates.InvokedVariable(invocation) is { } variable)
                            {
                                foreach (var lambda in _stored.LambdasIn(variable))
                                {
                                    yield return lambda;
                                }
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
                        case IInvalidOperation or { Kind: OperationKind.None } when UnboundTarget(operation, cancellationToken) is { } target:
                            yield return target;
                            break;
                    }
                }
            }
        }

        /// <summary>
        /// The one method a call or method group names when the compiler could not finish binding it: an argument
        /// of a type from a missing reference (<c>Store(name, detail.Id)</c>), or a method group handed to a
        /// wrapper from a missing package (<c>Durable.WrapAsync(Workflow, input, context)</c>). The name
        /// leaves one candidate, so that method runs there in the real build. Several candidates: none.
        /// </summary>
        private static IMethodSymbol? UnboundTarget(IOperation operation, CancellationToken cancellationToken)
        {
            if (operation.Syntax is not (InvocationExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax) || operation.SemanticModel is not { } model)
            {
                return null;
            }

            // `nameof(Workflow)` names the method without running it.
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is INameOfOperation)
                {
                    return null;
                }
            }

            var info = model.GetSymbolInfo(operation.Syntax, cancellationToken);
            return info.Symbol is null
                   && info.CandidateReason is CandidateReason.OverloadResolutionFailure or CandidateReason.MemberGroup
                   && info.CandidateSymbols.Length == 1
                   && info.CandidateSymbols[0] is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                ? method
                : null;
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
                .Any(r => r.GetSyntax(cancellationToken) switch
                {
                    ConstructorDeclarationSyntax { Initializer: not null } => true,
                    TypeDeclarationSyntax { BaseList: { } baseList } => baseList.Types.Any(t => t is PrimaryConstructorBaseTypeSyntax),
                    _ => false,
                });
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

            return _implementations.GetOrAdd(definition, ImplementationsOf);
        }

        /// <summary>
        /// The source overrides and interface implementations of a virtual, abstract or interface method. They
        /// share its name (an explicit implementation ends with it), so only members of that name are looked at,
        /// from the declarations; an inherited implementation is found through the source types deriving from
        /// the class that declares it (by the call-site index's base lists), one of which maps the interface to it.
        /// </summary>
        private ImmutableArray<IMethodSymbol> ImplementationsOf(IMethodSymbol definition)
        {
            var name = SimpleName(definition);
            var found = new List<IMethodSymbol>();
            foreach (var candidate in _compilation.GetSymbolsWithName(n => n == name || n.EndsWith("." + name, StringComparison.Ordinal), SymbolFilter.Member).OfType<IMethodSymbol>())
            {
                if (candidate.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } declaringType)
                {
                    continue;
                }

                var overrides = false;
                for (var overridden = candidate.OverriddenMethod; overridden is not null && !overrides; overridden = overridden.OverriddenMethod)
                {
                    overrides = SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, definition);
                }

                if (overrides
                    || (definition.ContainingType.TypeKind == TypeKind.Interface
                        && SelfAndDerivedInSource(declaringType).Any(type => InterfaceImplementationsIn(type, definition).Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, candidate.OriginalDefinition)))))
                {
                    found.Add(candidate);
                }
            }

            return found.ToImmutableArray();
        }

        /// <summary>What <paramref name="type"/> maps each interface it implements that declares the method to.</summary>
        private static IEnumerable<IMethodSymbol> InterfaceImplementationsIn(INamedTypeSymbol type, IMethodSymbol definition)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, definition.ContainingType.OriginalDefinition))
                {
                    continue;
                }

                foreach (var member in @interface.GetMembers(definition.Name).OfType<IMethodSymbol>())
                {
                    if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, definition)
                        && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                    {
                        yield return implementation;
                    }
                }
            }
        }

        /// <summary>A source type and every source type deriving from it, found by their base lists.</summary>
        private IEnumerable<INamedTypeSymbol> SelfAndDerivedInSource(INamedTypeSymbol type)
        {
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { type.OriginalDefinition };
            var pending = new Stack<INamedTypeSymbol>(seen);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                yield return current;
                foreach (var baseList in CallSites.DeclarationsMentioning(current.Name).OfType<BaseListSyntax>())
                {
                    if (baseList.Parent is BaseTypeDeclarationSyntax declaration
                        && _models.Get(declaration.SyntaxTree)?.GetDeclaredSymbol(declaration) is INamedTypeSymbol derived
                        && InheritsFrom(derived, current)
                        && seen.Add(derived.OriginalDefinition))
                    {
                        pending.Push(derived.OriginalDefinition);
                    }
                }
            }
        }

        private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol ancestor)
        {
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, ancestor))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Code we can see: source bodies, and implicit constructors of source types (they run initializers).</summary>
        private static bool IsWalkable(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Length > 0
               || (method.MethodKind == MethodKind.Constructor && method.ContainingType.IsInSource());

        /// <summary>
        /// How a member reads in a call chain after the handler: as <see cref="SymbolExtensions.ToChainName"/>, except a stored
        /// lambda, named by what holds it (<c>OrderHandler._s3Factory (lambda)</c>, <c>s3Factory (lambda)</c> for a
        /// top-level local), since a top-level one is no handler lambda.
        /// </summary>
        internal static string CalleeName(ISymbol symbol)
        {
            if (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda
                && StoredDelegates.SyntaxOf(lambda) is { } syntax
                && StoredDelegates.StoredName(syntax) is { } stored)
            {
                if (lambda.ContainingType is { } type && type.GetMembers(stored).Any(m => m is IFieldSymbol or IPropertySymbol))
                {
                    return type.Name + "." + stored + " (lambda)";
                }

                if (lambda.ContainingSymbol is IMethodSymbol { Name: "<Main>$" })
                {
                    return stored + " (lambda)";
                }
            }

            return symbol.ToChainName();
        }

        private static IMethodSymbol Normalize(IMethodSymbol method)
        {
            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            return definition.PartialImplementationPart ?? definition;
        }

        private sealed class Root
        {
            public Root(Handler handler, IMethodSymbol method, (int, int, int) discovered)
            {
                Handler = handler;
                Method = method;
                Order = (!handler.IsEntryPoint, discovered);
            }

            public Handler Handler { get; }

            public IMethodSymbol Method { get; }

            /// <summary>Where the walk seeds it: entry points in discovery order, then the others.</summary>
            public (bool Later, (int, int, int) Discovered) Order { get; }

            public bool IsEntryPoint => Handler.IsEntryPoint;
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
