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
    /// Which member declarations mention a name in their code: the candidates for "who may call this method"
    /// before anything is bound (read by <see cref="CallSiteReader"/>). A call, <c>new</c>, property access or method group
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
            => SpelledAs(name).SelectMany(n => WithKey(CallSiteReader.KeyOf(n))).Select(m => m.Declaration);

        /// <summary>
        /// The declarations that may call a static member <paramref name="name"/> of one of <paramref name="types"/>
        /// (its type and the types deriving from it, which inherit it): those that mention the name unqualified or
        /// after an expression, and those that qualify it with one of the types' names (or a using alias of one).
        /// <c>OtherHelper.Load()</c> cannot call <c>Helper.Load</c>, and asking about one must not bind the
        /// callers of every method of that name.
        /// </summary>
        public IEnumerable<SyntaxNode> DeclarationsCallingStatic(string name, IEnumerable<string> types)
        {
            var through = new HashSet<ulong>(types.SelectMany(SpelledAs).Select(CallSiteReader.KeyOf));
            return WithKey(CallSiteReader.KeyOf(name)).Where(m => m.Spellings.MayBeAloneOrAfter(through)).Select(m => m.Declaration);
        }

        /// <summary>A name and the using aliases that spell it.</summary>
        private IEnumerable<string> SpelledAs(string name)
            => new[] { name }.Concat(Current(_merged.AliasesOf(name)).Concat(_changed.AliasesOf(name)).Select(a => a.Alias));

        private IEnumerable<(SyntaxNode Declaration, Spellings Spellings)> WithKey(ulong key) => Current(_merged.WithKey(key)).Concat(_changed.WithKey(key));

        private IEnumerable<(SyntaxNode Declaration, Spellings Spellings)> Current(IEnumerable<(SyntaxNode Declaration, Spellings Spellings)> mentions)
            => _notInMerged.Count == 0 ? mentions : mentions.Where(m => !_notInMerged.Contains(m.Declaration.SyntaxTree));

        private IEnumerable<(string Alias, SyntaxTree Tree)> Current(IEnumerable<(string Alias, SyntaxTree Tree)> aliases)
            => _notInMerged.Count == 0 ? aliases : aliases.Where(a => !_notInMerged.Contains(a.Tree));

        /// <summary>Some trees' names merged: name to the declarations mentioning it, and target to its aliases.</summary>
        private sealed class Merged
        {
            private readonly HashSet<SyntaxTree> _trees;

            // Every (declaration, spellings) in one array, grouped by name; a name's group is a range of it. A
            // list per name cost a list and its growth for each of a project's tens of thousands of names. The
            // arrays are chunked and the name table split, so that none goes to the large-object heap.
            private const int Shards = 64;
            private readonly Dictionary<ulong, int>[] _groupOf = new Dictionary<ulong, int>[Shards];
            private readonly SmallChunks<int> _groupStart;
            private readonly SmallChunks<(SyntaxNode Declaration, Spellings Spellings)> _mentions;
            private readonly Dictionary<string, List<(string Alias, SyntaxTree Tree)>> _aliasesOf = new();

            public Merged(List<SyntaxTree> trees)
            {
                _trees = new HashSet<SyntaxTree>(trees);
                var read = new TreeNames[trees.Count];
                var reader = new CallSiteReader.Reader();
                var total = 0;
                for (var t = 0; t < trees.Count; t++)
                {
                    var names = read[t] = NamesOf(trees[t], reader);
                    total += names.Count;
                    foreach (var (alias, target) in names.Aliases)
                    {
                        if (!_aliasesOf.TryGetValue(target, out var aliases))
                        {
                            _aliasesOf[target] = aliases = new List<(string, SyntaxTree)>();
                        }

                        aliases.Add((alias, trees[t]));
                    }
                }

                for (var shard = 0; shard < Shards; shard++)
                {
                    _groupOf[shard] = new Dictionary<ulong, int>();
                }

                // There are at most as many names as mentions; the sizes become each group's next free slot. Each
                // mention's group is kept for the placing pass, which then looks no name up a second time.
                var groups = 0;
                var next = new SmallChunks<int>(total);
                var groupOfMention = new SmallChunks<int>(total);
                var mention = 0;
                foreach (var names in read)
                {
                    for (var i = 0; i < names.Count; i++)
                    {
                        var key = names.KeyAt(i);
                        var shard = _groupOf[ShardOf(key)];
                        if (!shard.TryGetValue(key, out var group))
                        {
                            shard.Add(key, group = groups++);
                        }

                        next[group]++;
                        groupOfMention[mention++] = group;
                    }
                }

                _groupStart = new SmallChunks<int>(groups + 1);
                var start = 0;
                for (var group = 0; group < groups; group++)
                {
                    _groupStart[group] = start;
                    (start, next[group]) = (start + next[group], start);
                }

                _groupStart[groups] = start;
                _mentions = new SmallChunks<(SyntaxNode, Spellings)>(total);
                mention = 0;
                foreach (var names in read)
                {
                    for (var i = 0; i < names.Count; i++)
                    {
                        _mentions[next[groupOfMention[mention++]]++] = names.MentionAt(i);
                    }
                }
            }

            public IEnumerable<(SyntaxNode Declaration, Spellings Spellings)> WithKey(ulong key)
                => _groupOf[ShardOf(key)].TryGetValue(key, out var group)
                    ? Range(_groupStart[group], _groupStart[group + 1])
                    : Enumerable.Empty<(SyntaxNode, Spellings)>();

            private static int ShardOf(ulong key) => (int)(key % Shards);

            private IEnumerable<(SyntaxNode Declaration, Spellings Spellings)> Range(int start, int end)
            {
                for (var i = start; i < end; i++)
                {
                    yield return _mentions[i];
                }
            }

            public IEnumerable<(string Alias, SyntaxTree Tree)> AliasesOf(string name)
                => _aliasesOf.TryGetValue(name, out var aliases) ? aliases : Enumerable.Empty<(string, SyntaxTree)>();

            /// <summary>The trees a compilation adds to and lacks from these, when few enough to be worth reusing these.</summary>
            public (List<SyntaxTree> Added, HashSet<SyntaxTree> Removed)? Differences(List<SyntaxTree> trees)
            {
                // Asked of every recent merge by every new project's index: a different project stops early.
                var limit = Math.Max(8, _trees.Count / 20);
                var added = new List<SyntaxTree>();
                foreach (var tree in trees)
                {
                    if (!_trees.Contains(tree))
                    {
                        if (added.Count == limit)
                        {
                            return null;
                        }

                        added.Add(tree);
                    }
                }

                if (_trees.Count - (trees.Count - added.Count) > limit)
                {
                    return null;
                }

                var current = new HashSet<SyntaxTree>(trees);
                return (added, new HashSet<SyntaxTree>(_trees.Where(t => !current.Contains(t))));
            }
        }

        /// <summary>
        /// A reader of trees' names ahead of the merge, for one thread: several threads needing the index each
        /// read trees nobody has read yet (<see cref="SharedWork{T}"/>) instead of waiting for one thread to
        /// read them all, each reusing its own buffers from tree to tree. A tree's names are kept once (two
        /// threads may read the same tree at the end, rather than one waiting for the other).
        /// </summary>
        public static Action<SyntaxTree> NewTreeReader()
        {
            var reader = new CallSiteReader.Reader();
            return tree => NamesOf(tree, reader);
        }

        /// <summary>A tree's names, read once per tree with <paramref name="reader"/>'s buffers.</summary>
        private static TreeNames NamesOf(SyntaxTree tree, CallSiteReader.Reader reader)
        {
            if (Trees.TryGetValue(tree, out var names))
            {
                return names;
            }

            var read = reader.Read(tree);
            return Trees.GetValue(tree, _ => read);
        }
    }
}
