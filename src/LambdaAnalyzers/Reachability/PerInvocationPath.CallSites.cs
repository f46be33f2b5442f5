using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers
{
    internal sealed partial class PerInvocationPath
    {
        /// <summary>
        /// Which member declarations mention a name in their code: the candidates for "who may call this method"
        /// before anything is bound. A call, <c>new</c>, property access or method group spells the callee's name
        /// at the call site, except for a few forms that call by shape, which are indexed under the names they
        /// call (<c>new()</c>, <c>: base(...)</c>, collection initializers' <c>Add</c>, query clauses, indexers,
        /// interpolated-string handlers). Code outside any member that runs per instance (instance field and
        /// property initializers, base-type arguments) is indexed under the declaration whose constructors run it.
        /// The index only proposes callers, which binding then confirms: a name too many costs a little binding,
        /// a name too few would lose a caller.
        /// </summary>
        private sealed class CallSiteIndex
        {
            /// <summary>The pseudo-name of a call that names no type: <c>new()</c>, <c>: this(...)</c>, <c>: base(...)</c>.</summary>
            public const string ImplicitConstruction = "new()";

            /// <summary>The pseudo-name of an interpolated string, which constructs a source interpolated-string handler.</summary>
            public const string Interpolation = "$\"\"";

            /// <summary>The pseudo-name of an element access: indexers have no name at the call site.</summary>
            public const string ElementAccess = "[]";

            // What one tree mentions depends on that tree alone, and a tree is immutable: after a keystroke the IDE's
            // next compilation shares every tree but the edited one, and only that one is read again.
            private static readonly ConditionalWeakTable<SyntaxTree, TreeNames> Trees = new();

            private readonly Dictionary<ulong, List<(SyntaxNode Declaration, Spellings Spellings)>> _mentions = new();
            private readonly Dictionary<string, List<string>> _aliasesOf = new(StringComparer.Ordinal);

            public CallSiteIndex(Compilation compilation)
            {
                var reader = new CallSiteReader.Reader();
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var names = NamesOf(tree, reader);
                    foreach (var (alias, target) in names.Aliases)
                    {
                        if (!_aliasesOf.TryGetValue(target, out var aliases))
                        {
                            _aliasesOf.Add(target, aliases = new List<string>());
                        }

                        aliases.Add(alias);
                    }

                    for (var i = 0; i < names.Count; i++)
                    {
                        var key = names.KeyAt(i);
                        if (!_mentions.TryGetValue(key, out var mentions))
                        {
                            _mentions.Add(key, mentions = new List<(SyntaxNode, Spellings)>());
                        }

                        mentions.Add(names.MentionAt(i));
                    }
                }
            }

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

            /// <summary>
            /// The declarations inside <paramref name="within"/> whose code mentions <paramref name="name"/> (or a
            /// using alias of it in their file), read from those files alone.
            /// </summary>
            public static IEnumerable<SyntaxNode> DeclarationsWithin(string name, ImmutableArray<SyntaxReference> within)
            {
                foreach (var tree in within.Select(w => w.SyntaxTree).Distinct())
                {
                    var names = NamesOf(tree, reader: null);
                    foreach (var spelling in names.Aliases.Where(a => a.Target == name).Select(a => a.Alias).Prepend(name))
                    {
                        foreach (var declaration in names.DeclarationsMentioning(CallSiteReader.KeyOf(spelling)))
                        {
                            if (within.Any(w => w.SyntaxTree == tree && w.Span.Contains(declaration.Span)))
                            {
                                yield return declaration;
                            }
                        }
                    }
                }
            }

            private IEnumerable<string> SpelledAs(string name)
                => _aliasesOf.TryGetValue(name, out var aliases) ? aliases.Prepend(name) : new[] { name };

            private IEnumerable<(SyntaxNode Declaration, Spellings Spellings)> WithKey(ulong key)
                => _mentions.TryGetValue(key, out var mentions) ? mentions : Enumerable.Empty<(SyntaxNode, Spellings)>();

            /// <summary>A tree's names, read once per tree (with <paramref name="reader"/>'s buffers when given).</summary>
            private static TreeNames NamesOf(SyntaxTree tree, CallSiteReader.Reader? reader)
                => Trees.TryGetValue(tree, out var names) ? names : Trees.GetValue(tree, t => (reader ?? new CallSiteReader.Reader()).Read(t));
        }
    }
}
