using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Semantic models of the trees the path walk visits. The walk reads bodies of methods outside the
    /// callback that asked (callees in other files), which is why it needs models the analyzer driver did not
    /// hand it. A model is held only weakly: the driver releases each tree's model once it has analyzed the
    /// tree, and a cache that kept them all would keep every bound body of a large compilation alive (the
    /// walk keeps what it learned as symbols, not as bound trees).
    /// </summary>
    internal sealed class SemanticModelCache
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<SyntaxTree, WeakReference<SemanticModel>> _models = new();

        public SemanticModelCache(Compilation compilation) => _compilation = compilation;

        /// <summary>
        /// The model of a tree of this compilation, or null for a tree of another one: in a solution a project
        /// reference is another project's source compilation, so its symbols have syntax this compilation
        /// cannot bind (the IDE and MSBuildWorkspace both work this way; a command-line build does not).
        /// While the driver analyzes a tree, the compilation hands out the driver's own model of it.
        /// </summary>
        public SemanticModel? Get(SyntaxTree tree)
        {
            if (!_compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

            if (_models.TryGetValue(tree, out var held) && held.TryGetTarget(out var model))
            {
                return model;
            }

#pragma warning disable RS1030 // The per-invocation path spans files; the driver offers no model for a callee's tree.
            model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            _models[tree] = new WeakReference<SemanticModel>(model);
            return model;
        }

        /// <summary>
        /// Keeps the model the analyzer driver built an operation from, so that the walk reads that document's
        /// bodies as the driver already bound them. Analyzing one document (the IDE after a keystroke), the
        /// driver's model is not the one <see cref="Compilation.GetSemanticModel(SyntaxTree, bool)"/> returns,
        /// and the handler being edited would otherwise be bound a second time. A model of another compilation
        /// is ignored: its symbols would not match this one's.
        /// </summary>
        public void Offer(SemanticModel? model)
        {
            if (model is not null && ReferenceEquals(model.Compilation, _compilation) && !model.IsSpeculativeSemanticModel
                && !(_models.TryGetValue(model.SyntaxTree, out var held) && held.TryGetTarget(out var kept) && ReferenceEquals(kept, model)))
            {
                _models[model.SyntaxTree] = new WeakReference<SemanticModel>(model);
            }
        }

        /// <summary>The operation trees of a member's bodies (several for a partial method; none for metadata).</summary>
        public IEnumerable<IOperation> GetBodies(ISymbol symbol, CancellationToken cancellationToken)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                var operation = syntax is TypeDeclarationSyntax
                    ? null // a primary constructor: its parameters hold no code of their own
                    : Get(syntax.SyntaxTree)?.GetOperation(syntax, cancellationToken);
                if (operation is not null)
                {
                    yield return operation;
                }
            }
        }
    }
}
