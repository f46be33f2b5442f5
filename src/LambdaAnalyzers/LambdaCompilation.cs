using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>
    /// What one compilation knows about Lambda, shared by every rule: well-known types, the handlers and the
    /// per-invocation path. Each fact is computed on first use and kept for the life of the compilation
    /// snapshot (the IDE makes a new one after each edit), so a rule that looks at one document pays only
    /// for what it asks.
    /// </summary>
    internal sealed class LambdaCompilation
    {
        // Every rule's compilation-start action asks at once; a table's factory may run on each of them, so the
        // table holds a Lazy and only the one it keeps is ever created (resolving the well-known types 24 times
        // over cost more than any rule's own work).
        private static readonly ConditionalWeakTable<Compilation, Lazy<LambdaCompilation>> Cache = new();

        private readonly Compilation _compilation;
        private readonly SemanticModelCache _models;
        private readonly HandlerFinder _finder;
        private readonly Lazy<ImmutableArray<Handler>> _handlers;
        private readonly Lazy<InitOnceIdioms> _initOnce;
        private readonly Lazy<PerInvocationPath> _path;
        private readonly Lazy<ImmutableArray<Deployment.DeploymentFile>> _deploymentFiles;

        private LambdaCompilation(Compilation compilation, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options)
        {
            _compilation = compilation;
            _models = new SemanticModelCache(compilation);
            Types = new WellKnownTypes(compilation);

            // Deployment files come with the analyzer options; the first rule to start on a compilation brings
            // them (every rule of one analysis run sees the same AdditionalFiles).
            _deploymentFiles = new Lazy<ImmutableArray<Deployment.DeploymentFile>>(
                () => options is null
                    ? ImmutableArray<Deployment.DeploymentFile>.Empty
                    : Deployment.DeploymentFile.ReadAll(options, CancellationToken.None),
                LazyThreadSafetyMode.ExecutionAndPublication);

            // The analyzer driver cancels a whole analysis together, so a fact computed for one rule is not
            // cancelled half-way by another; computing without a token keeps the shared value well-formed.
            _finder = new HandlerFinder(compilation, Types, _models, () => DeploymentFiles);
            _handlers = new Lazy<ImmutableArray<Handler>>(_finder.All, LazyThreadSafetyMode.ExecutionAndPublication);
            _initOnce = new Lazy<InitOnceIdioms>(() => new InitOnceIdioms(Types, _finder), LazyThreadSafetyMode.ExecutionAndPublication);
            _path = new Lazy<PerInvocationPath>(() => PerInvocationPath.Build(_compilation, _finder, InitOnce, _models), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public WellKnownTypes Types { get; }

        /// <summary>The deployment files among the AdditionalFiles, each read once.</summary>
        public ImmutableArray<Deployment.DeploymentFile> DeploymentFiles => _deploymentFiles.Value;

        /// <summary>The read deployment file for an additional file, or null when it is not one.</summary>
        public Deployment.DeploymentFile? DeploymentFileFor(AdditionalText file) => DeploymentFiles.FirstOrDefault(f => f.File.Path == file.Path);

        /// <summary>Every handler of the compilation. A rule that asks about one method asks <see cref="HandlerFor"/> instead.</summary>
        public ImmutableArray<Handler> Handlers => _handlers.Value;

        public InitOnceIdioms InitOnce => _initOnce.Value;

        public PerInvocationPath Path => _path.Value;

        /// <summary>The operation trees of a member's bodies, in whichever file they are.</summary>
        public IEnumerable<Microsoft.CodeAnalysis.IOperation> BodiesOf(ISymbol symbol, CancellationToken cancellationToken) => _models.GetBodies(symbol, cancellationToken);

        /// <summary>The operation of a node of any tree of this compilation (null for another compilation's tree).</summary>
        public Microsoft.CodeAnalysis.IOperation? OperationOf(SyntaxNode node, CancellationToken cancellationToken) => _models.Get(node.SyntaxTree)?.GetOperation(node, cancellationToken);

        /// <summary>Whether a deployment file names a method of this compilation: a handler without any Lambda package reference.</summary>
        public bool HasDeployedHandler => !DeploymentFiles.IsEmpty && Handlers.Any(h => h.DiscoveredBy == HandlerDiscovery.DeploymentFile);

        /// <summary>The handler this method (or bootstrap lambda) is, if any.</summary>
        public Handler? HandlerFor(IMethodSymbol method) => _finder.Classify(method);

        /// <summary>Whether a member's body holds a handler lambda (a bootstrap delegate written as a lambda).</summary>
        public bool HoldsHandlerLambdas(ISymbol member)
        {
            // Asked of every member's block: no closure, and nothing to look at without a bootstrap.
            foreach (var handler in _finder.BootstrapDelegates)
            {
                if (handler.MethodKind == MethodKind.AnonymousFunction && SymbolEqualityComparer.Default.Equals(handler.ContainingSymbol, member))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// How a member's code runs on every invocation: the function it runs in and the calls from that
        /// function's handler to it; null when no handler reaches it. A handler's own path starts at itself,
        /// except a method known only by its <c>ILambdaContext</c> parameter that another handler calls (the AWS
        /// templates' <c>ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)</c>): that is a
        /// helper of the calling handler, not a function with an unknown trigger, so its path comes from the
        /// caller, whose trigger it takes and whose name messages give.
        /// </summary>
        public InvocationPath? PathTo(IMethodSymbol member)
            => Path.PathTo(member)
               ?? (HandlerFor(member) is { } handler ? new InvocationPath(handler, ImmutableArray.Create<ISymbol>(handler.Method)) : null);

        /// <summary>
        /// Whether a handler is a CodeDeploy lifecycle hook: its code, helpers included, reports the hook's
        /// verdict with <c>PutLifecycleEventHookExecutionStatus(Async)</c>. A pre-traffic hook's job is to invoke
        /// the new version and wait for its answer.
        /// </summary>
        public bool IsCodeDeployLifecycleHook(Handler handler)
            => Types.IAmazonCodeDeploy is not null
               && _lifecycleHooks.GetOrAdd(handler.Method, m => Path.ReachedFrom(m).Any(member => BodiesOf(member, CancellationToken.None).Any(body => Microsoft.CodeAnalysis.Operations.OperationExtensions.Descendants(body).Any(IsLifecycleStatusReport))));

        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _lifecycleHooks = new(SymbolEqualityComparer.Default);

        private bool IsLifecycleStatusReport(IOperation operation)
            => operation is Microsoft.CodeAnalysis.Operations.IInvocationOperation { TargetMethod: { Name: "PutLifecycleEventHookExecutionStatusAsync" or "PutLifecycleEventHookExecutionStatus" } target }
               && Types.Implements(target.ContainingType, Types.IAmazonCodeDeploy);

        public static LambdaCompilation For(Compilation compilation, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options = null)
            => Cache.GetValue(compilation, c => new Lazy<LambdaCompilation>(() => new LambdaCompilation(c, options), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
