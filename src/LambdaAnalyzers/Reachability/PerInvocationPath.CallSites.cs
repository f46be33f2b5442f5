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

            private static readonly ImmutableArray<string> QueryMethods = ImmutableArray.Create(
                "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast");

            // What one tree mentions depends on that tree alone, and a tree is immutable: after a keystroke the IDE's
            // next compilation shares every tree but the edited one, and only that one is read again.
            private static readonly ConditionalWeakTable<SyntaxTree, TreeNames> Trees = new();

            private readonly Dictionary<string, List<(SyntaxNode Declaration, Spellings Spellings)>> _mentions = new(StringComparer.Ordinal);
            private readonly Dictionary<string, List<string>> _aliasesOf = new(StringComparer.Ordinal);

            public CallSiteIndex(Compilation compilation)
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var names = Trees.GetValue(tree, TreeNames.Read);
                    foreach (var (alias, target) in names.Aliases)
                    {
                        ListOf(_aliasesOf, target).Add(alias);
                    }

                    foreach (var (name, declaration, spellings) in names.Mentions)
                    {
                        ListOf(_mentions, name).Add((declaration, spellings));
                    }
                }
            }

            /// <summary>
            /// The declarations whose code mentions <paramref name="name"/> (or a using alias of it): a method,
            /// constructor, operator or accessor declaration; a property's expression body; an instance field or
            /// property initializer; a type's base list.
            /// </summary>
            public IEnumerable<SyntaxNode> DeclarationsMentioning(string name)
                => SpelledAs(name).SelectMany(WithName).Select(m => m.Declaration);

            /// <summary>
            /// The declarations that may call a static member <paramref name="name"/> of one of <paramref name="types"/>
            /// (its type and the types deriving from it, which inherit it): those that mention the name unqualified or
            /// after an expression, and those that qualify it with one of the types' names (or a using alias of one).
            /// <c>OtherHelper.Load()</c> cannot call <c>Helper.Load</c>, and asking about one must not bind the
            /// callers of every method of that name.
            /// </summary>
            public IEnumerable<SyntaxNode> DeclarationsCallingStatic(string name, IEnumerable<string> types)
            {
                var through = new HashSet<string>(types.SelectMany(SpelledAs), StringComparer.Ordinal);
                return WithName(name).Where(m => m.Spellings.MayBeAloneOrAfter(through)).Select(m => m.Declaration);
            }

            private IEnumerable<string> SpelledAs(string name)
                => _aliasesOf.TryGetValue(name, out var aliases) ? aliases.Prepend(name) : new[] { name };

            private IEnumerable<(SyntaxNode Declaration, Spellings Spellings)> WithName(string name)
                => _mentions.TryGetValue(name, out var mentions) ? mentions : Enumerable.Empty<(SyntaxNode, Spellings)>();

            private static List<T> ListOf<T>(Dictionary<string, List<T>> lists, string key)
            {
                if (!lists.TryGetValue(key, out var list))
                {
                    lists.Add(key, list = new List<T>());
                }

                return list;
            }

            /// <summary>What one tree's declarations mention, each (name, declaration) once, and its using aliases.</summary>
            private sealed class TreeNames
            {
                private TreeNames(ImmutableArray<(string Name, SyntaxNode Declaration, Spellings Spellings)> mentions, ImmutableArray<(string Alias, string Target)> aliases)
                {
                    Mentions = mentions;
                    Aliases = aliases;
                }

                public ImmutableArray<(string Name, SyntaxNode Declaration, Spellings Spellings)> Mentions { get; }

                public ImmutableArray<(string Alias, string Target)> Aliases { get; }

                public static TreeNames Read(SyntaxTree tree)
                {
                    var mentions = new List<(string Name, SyntaxNode Declaration, Spellings Spellings)>();
                    var listed = new Dictionary<(string, SyntaxNode), int>();
                    var aliases = new List<(string Alias, string Target)>();
                    void Mention(string name, string? qualifier, SyntaxNode declaration)
                    {
                        var spelling = qualifier is null ? Spellings.Unqualified : Spellings.QualifiedBy(qualifier);
                        if (listed.TryGetValue((name, declaration), out var index))
                        {
                            mentions[index] = (name, declaration, mentions[index].Spellings.With(spelling));
                        }
                        else
                        {
                            listed.Add((name, declaration), mentions.Count);
                            mentions.Add((name, declaration, spelling));
                        }
                    }

                    var stack = new Stack<(SyntaxNode Node, SyntaxNode? Declaration)>();
                    stack.Push((tree.GetRoot(), null));
                    while (stack.Count > 0)
                    {
                        var (node, enclosing) = stack.Pop();
                        if (node is UsingDirectiveSyntax directive)
                        {
                            if (SyntaxNames.AliasOf(directive) is { } alias)
                            {
                                aliases.Add(alias);
                            }

                            continue;
                        }

                        if (DeclarationOf(node, enclosing) is not { } current)
                        {
                            continue; // code that never runs per invocation: static initializers, attributes, constants
                        }

                        enclosing = current == Outside ? null : current;
                        if (enclosing is not null)
                        {
                            MentionNamesCalledBy(node, enclosing, Mention);
                        }

                        foreach (var child in node.ChildNodes())
                        {
                            stack.Push((child, enclosing));
                        }
                    }

                    return new TreeNames(mentions.ToImmutableArray(), aliases.ToImmutableArray());
                }

                private static void MentionNamesCalledBy(SyntaxNode node, SyntaxNode declaration, Action<string, string?, SyntaxNode> mention)
                {
                    switch (node)
                    {
                        case SimpleNameSyntax name:
                            mention(name.Identifier.ValueText, QualifierOf(name), declaration);
                            break;
                        case ImplicitObjectCreationExpressionSyntax or ConstructorInitializerSyntax:
                            mention(ImplicitConstruction, null, declaration);
                            break;
                        case ElementAccessExpressionSyntax or ElementBindingExpressionSyntax or ImplicitElementAccessSyntax:
                            mention(ElementAccess, null, declaration);
                            break;
                        case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                            mention("Add", null, declaration);
                            break;
                        case QueryExpressionSyntax:
                            foreach (var method in QueryMethods)
                            {
                                mention(method, null, declaration);
                            }

                            break;
                        case InterpolatedStringExpressionSyntax:
                            mention(Interpolation, null, declaration);
                            mention("AppendLiteral", null, declaration);
                            mention("AppendFormatted", null, declaration);
                            break;
                    }
                }

                /// <summary>The word right before a name's dot (<c>Helper</c> in <c>Ns.Helper.Load</c>), or null when an expression or nothing is.</summary>
                private static string? QualifierOf(SimpleNameSyntax name)
                {
                    var left = name.Parent switch
                    {
                        MemberAccessExpressionSyntax access when access.Name == name => access.Expression,
                        QualifiedNameSyntax qualified when qualified.Right == name => qualified.Left,
                        _ => null,
                    };
                    return left switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax last } => last.Identifier.ValueText,
                        MemberBindingExpressionSyntax { Name: IdentifierNameSyntax last } => last.Identifier.ValueText,
                        QualifiedNameSyntax { Right: IdentifierNameSyntax last } => last.Identifier.ValueText,
                        AliasQualifiedNameSyntax { Name: IdentifierNameSyntax last } => last.Identifier.ValueText,
                        PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
                        ThisExpressionSyntax => "this",
                        BaseExpressionSyntax => "base",
                        _ => null,
                    };
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
                    BaseFieldDeclarationSyntax field when IsStaticOrConst(field.Modifiers) && !StoresLambda(field) => null,
                    ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax } => node,
                    EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } when enclosing is null => IsStaticOrConst(property.Modifiers) && !StoresLambda(node) ? null : node,
                    EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } when enclosing is null => node,
                    BaseListSyntax => node,
                    _ => enclosing ?? Outside,
                };

                /// <summary>
                /// A static initializer runs once, but a lambda it stores runs wherever the field or property is invoked
                /// (<c>static readonly Func&lt;IAmazonS3&gt; Factory = () =&gt; Create();</c>), so such an initializer is read
                /// like an instance one. Few initializers hold a lambda; the others stay out of the index.
                /// </summary>
                private static bool StoresLambda(SyntaxNode initializer) => initializer.DescendantNodes().Any(n => n is AnonymousFunctionExpressionSyntax);

                private static bool IsStaticOrConst(SyntaxTokenList modifiers)
                    => modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword));
            }
        }

        /// <summary>
        /// How a declaration spells a name: alone or after an expression (<c>Load()</c>, <c>Make().Load</c>,
        /// <c>x?.Load</c>, <c>List&lt;T&gt;.Load</c>), or after a word and a dot (<c>Helper</c> in
        /// <c>Ns.Helper.Load</c>). One word is kept exactly; a name spelled after two different words is taken as
        /// possibly spelled after any.
        /// </summary>
        private readonly struct Spellings
        {
            private const byte Alone = 1;
            private const byte AfterWord = 2;
            private const byte AfterWords = 4;

            private readonly string? _word;
            private readonly byte _forms;

            private Spellings(string? word, byte forms)
            {
                _word = word;
                _forms = forms;
            }

            public static Spellings Unqualified => new(null, Alone);

            public static Spellings QualifiedBy(string word) => new(word, AfterWord);

            public Spellings With(Spellings other)
            {
                var forms = (byte)(_forms | other._forms);
                if ((_forms & AfterWord) != 0 && (other._forms & AfterWord) != 0 && !string.Equals(_word, other._word, StringComparison.Ordinal))
                {
                    forms |= AfterWords;
                }

                return new Spellings((_forms & AfterWord) != 0 ? _word : other._word, forms);
            }

            /// <summary>Whether the name may be spelled alone, or after one of <paramref name="words"/>.</summary>
            public bool MayBeAloneOrAfter(ICollection<string> words)
                => (_forms & (Alone | AfterWords)) != 0 || ((_forms & AfterWord) != 0 && words.Contains(_word!));
        }
    }
}
