using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Which member declarations mention a name in their code, from syntax alone: the candidates for "who
    /// may call this method" before anything is bound. A call, <c>new</c>, property access or method group
    /// spells the callee's name at the call site, except for a few forms that call by shape, which are
    /// indexed under the names they call (<c>new()</c>, <c>: base(...)</c>, collection initializers'
    /// <c>Add</c>, query clauses, indexers, interpolated-string handlers). Code outside any member that runs
    /// per instance (instance field and property initializers, base-type arguments) is indexed under the
    /// declaration whose constructors run it. Syntax facts belong to the tree, so they are read once per
    /// tree and reused by every later compilation that shares it (the IDE makes a new compilation per edit).
    /// </summary>
    internal sealed class CallSiteIndex
    {
        /// <summary>The pseudo-name of a call that names no type: <c>new()</c>, <c>: this(...)</c>, <c>: base(...)</c>.</summary>
        public const string ImplicitConstruction = "new()";

        /// <summary>The pseudo-name of an interpolated string, which constructs a source interpolated-string handler.</summary>
        public const string Interpolation = "$\"\"";

        /// <summary>The pseudo-name of an element access: indexers have no name at the call site.</summary>
        public const string ElementAccess = "[]";

        private static readonly ConditionalWeakTable<SyntaxTree, TreeNames> Trees = new();

        private static readonly ImmutableArray<string> QueryMethods = ImmutableArray.Create(
            "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast");

        // The indexes of the last whole projects read, which their next snapshots start from: a keystroke's
        // compilation shares every tree but the edited one, and merging every tree's names again cost about
        // 10 ms per keystroke in a 4,000-file project. A few, for a solution's projects analyzed in turn;
        // held weakly: the compilations using one keep it alive.
        private static readonly WeakReference<Merged>[] LastMerged = Enumerable.Range(0, 4).Select(_ => new WeakReference<Merged>(null!)).ToArray();
        private static int s_nextSlot;

        private readonly Merged _merged;
        private readonly HashSet<SyntaxTree> _notInMerged;
        private readonly Merged _changed;

        /// <summary>
        /// The trees' facts, each read once per tree (a keystroke reads only the edited tree), merged once per
        /// project: a compilation that differs from a recently merged one by a few trees uses that one, without
        /// the trees it lacks, plus its own few.
        /// </summary>
        public CallSiteIndex(Compilation compilation)
            : this(compilation.SyntaxTrees.ToList(), LastMerged.Select(slot => slot.TryGetTarget(out var merged) ? merged : null))
        {
            if (!StartedFromEarlier)
            {
                LastMerged[(Interlocked.Increment(ref s_nextSlot) & int.MaxValue) % LastMerged.Length].SetTarget(_merged);
            }
        }

        /// <summary>For tests: started from <paramref name="earlier"/> when it is close enough, else merged whole.</summary>
        internal CallSiteIndex(Compilation compilation, CallSiteIndex? earlier)
            : this(compilation.SyntaxTrees.ToList(), earlier is null ? Enumerable.Empty<Merged?>() : new[] { earlier._merged })
        {
        }

        private CallSiteIndex(List<SyntaxTree> trees, IEnumerable<Merged?> earlier)
        {
            foreach (var merged in earlier)
            {
                if (merged?.Differences(trees) is { } differences)
                {
                    _merged = merged;
                    _notInMerged = differences.Removed;
                    _changed = new Merged(differences.Added);
                    StartedFromEarlier = true;
                    return;
                }
            }

            _merged = new Merged(trees);
            _notInMerged = new HashSet<SyntaxTree>();
            _changed = new Merged(new List<SyntaxTree>());
        }

        /// <summary>Whether this index reuses an earlier compilation's merged names (for tests).</summary>
        internal bool StartedFromEarlier { get; }

        /// <summary>
        /// The declarations whose code mentions <paramref name="name"/> (or a using alias of it): a method,
        /// constructor, operator or accessor declaration; a property's expression body; an instance field or
        /// property initializer; a type's base list.
        /// </summary>
        public IEnumerable<SyntaxNode> DeclarationsMentioning(string name)
        {
            var spellings = new[] { name }.Concat(Current(_merged.AliasesOf(name)).Concat(_changed.AliasesOf(name)).Select(a => a.Alias));
            return spellings.SelectMany(n => Current(_merged.DeclarationsMentioning(n)).Concat(_changed.DeclarationsMentioning(n)));
        }

        /// <summary>Every name the index holds (for tests).</summary>
        internal IEnumerable<string> Names => _merged.Names.Concat(_changed.Names).Distinct();

        private IEnumerable<SyntaxNode> Current(IEnumerable<SyntaxNode> declarations)
            => _notInMerged.Count == 0 ? declarations : declarations.Where(d => !_notInMerged.Contains(d.SyntaxTree));

        private IEnumerable<(string Alias, SyntaxTree Tree)> Current(IEnumerable<(string Alias, SyntaxTree Tree)> aliases)
            => _notInMerged.Count == 0 ? aliases : aliases.Where(a => !_notInMerged.Contains(a.Tree));

        /// <summary>Some trees' names merged: name to the declarations mentioning it, and target to its aliases.</summary>
        private sealed class Merged
        {
            private readonly HashSet<SyntaxTree> _trees;
            private readonly Dictionary<string, List<SyntaxNode>> _declarationsMentioning = new();
            private readonly Dictionary<string, List<(string Alias, SyntaxTree Tree)>> _aliasesOf = new();

            public Merged(List<SyntaxTree> trees)
            {
                _trees = new HashSet<SyntaxTree>(trees);
                foreach (var tree in trees)
                {
                    var names = Trees.GetValue(tree, Read);
                    foreach (var pair in names.Declarations)
                    {
                        Add(_declarationsMentioning, pair.Key, pair.Value);
                    }

                    foreach (var (alias, target) in names.Aliases)
                    {
                        Add(_aliasesOf, target, new[] { (alias, tree) });
                    }
                }
            }

            public IEnumerable<string> Names => _declarationsMentioning.Keys;

            public IEnumerable<SyntaxNode> DeclarationsMentioning(string name)
                => _declarationsMentioning.TryGetValue(name, out var declarations) ? declarations : Enumerable.Empty<SyntaxNode>();

            public IEnumerable<(string Alias, SyntaxTree Tree)> AliasesOf(string name)
                => _aliasesOf.TryGetValue(name, out var aliases) ? aliases : Enumerable.Empty<(string, SyntaxTree)>();

            /// <summary>The trees a compilation adds to and lacks from these, when few enough to be worth reusing these.</summary>
            public (List<SyntaxTree> Added, HashSet<SyntaxTree> Removed)? Differences(List<SyntaxTree> trees)
            {
                var added = trees.Where(t => !_trees.Contains(t)).ToList();
                var limit = Math.Max(8, _trees.Count / 20);
                var kept = trees.Count - added.Count;
                if (added.Count > limit || _trees.Count - kept > limit)
                {
                    return null;
                }

                var current = new HashSet<SyntaxTree>(trees);
                return (added, new HashSet<SyntaxTree>(_trees.Where(t => !current.Contains(t))));
            }

            private static void Add<T>(Dictionary<string, List<T>> index, string key, IEnumerable<T> values)
            {
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = new List<T>();
                }

                list.AddRange(values);
            }
        }

        private static TreeNames Read(SyntaxTree tree)
        {
            // Every node of every tree passes through here once: no allocation per node.
            var names = new Dictionary<string, List<SyntaxNode>>();
            var aliases = new List<(string Alias, string Target)>();
            var stack = new Stack<(SyntaxNode Node, SyntaxNode? Declaration)>();
            stack.Push((tree.GetRoot(), null));
            while (stack.Count > 0)
            {
                var (node, declaration) = stack.Pop();
                if (node is UsingDirectiveSyntax { Alias: { } alias, Name: { } target })
                {
                    aliases.Add((alias.Name.Identifier.ValueText, SyntaxNames.LastName(target)));
                    continue;
                }

                if (DeclarationOf(node, declaration) is not { } current)
                {
                    continue; // code that never runs per invocation: static initializers, attributes, constants
                }

                declaration = current == Outside ? null : current;
                if (declaration is not null)
                {
                    AddNamesCalledBy(node, declaration, names);
                }

                foreach (var child in node.ChildNodesAndTokens())
                {
                    if (child.AsNode() is { } childNode)
                    {
                        stack.Push((childNode, declaration));
                    }
                }
            }

            return new TreeNames(names, aliases.ToImmutableArray());
        }

        /// <summary>Indexes <paramref name="declaration"/> under the names <paramref name="node"/> calls by.</summary>
        private static void AddNamesCalledBy(SyntaxNode node, SyntaxNode declaration, Dictionary<string, List<SyntaxNode>> names)
        {
            switch (node)
            {
                case SimpleNameSyntax name:
                    Mention(name.Identifier.ValueText);
                    break;
                case ImplicitObjectCreationExpressionSyntax or ConstructorInitializerSyntax:
                    Mention(ImplicitConstruction);
                    break;
                case ElementAccessExpressionSyntax or ElementBindingExpressionSyntax or ImplicitElementAccessSyntax:
                    Mention(ElementAccess);
                    break;
                case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                    Mention("Add");
                    break;
                case QueryExpressionSyntax:
                    foreach (var method in QueryMethods)
                    {
                        Mention(method);
                    }

                    break;
                case InterpolatedStringExpressionSyntax:
                    Mention(Interpolation);
                    Mention("AppendLiteral");
                    Mention("AppendFormatted");
                    break;
            }

            void Mention(string name)
            {
                if (!names.TryGetValue(name, out var declarations))
                {
                    names[name] = declarations = new List<SyntaxNode>();
                }

                // A declaration's nodes are visited one after another (declarations do not nest), so a
                // repeat is always the last one added.
                if (declarations.Count == 0 || declarations[declarations.Count - 1] != declaration)
                {
                    declarations.Add(declaration);
                }
            }
        }

        // A marker for "between members": a type or namespace body, whose nodes belong to no declaration.
        private static readonly SyntaxNode Outside = SyntaxFactory.IdentifierName("<outside>");

        /// <summary>The declaration the code under <paramref name="node"/> is indexed under; null to skip it.</summary>
        private static SyntaxNode? DeclarationOf(SyntaxNode node, SyntaxNode? enclosing) => node switch
        {
            BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax or GlobalStatementSyntax => Outside,
            BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => node,
            LocalFunctionStatementSyntax when enclosing is null => node, // in top-level statements
            AttributeListSyntax or EnumMemberDeclarationSyntax or DelegateDeclarationSyntax => null,
            BaseFieldDeclarationSyntax field when IsStaticOrConst(field.Modifiers) => null,
            ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax } => node,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } when enclosing is null => IsStaticOrConst(property.Modifiers) ? null : node,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } when enclosing is null => node,
            BaseListSyntax => node,
            _ => enclosing ?? Outside,
        };

        private static bool IsStaticOrConst(SyntaxTokenList modifiers)
            => modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword));

        private sealed class TreeNames
        {
            public TreeNames(Dictionary<string, List<SyntaxNode>> declarations, ImmutableArray<(string Alias, string Target)> aliases)
            {
                Declarations = declarations;
                Aliases = aliases;
            }

            public Dictionary<string, List<SyntaxNode>> Declarations { get; }

            public ImmutableArray<(string Alias, string Target)> Aliases { get; }
        }
    }
}
