using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers
{
    internal sealed partial class PerInvocationPath
    {
        /// <summary>
        /// Reads one tree for the <see cref="CallSiteIndex"/>: which member declarations mention which names. The
        /// declarations are found from the syntax of types and members; their code is read as text, every word in
        /// it taken as a name and the call forms that spell no name (<c>new()</c>, <c>: base(...)</c>, <c>[...]</c>,
        /// collection initializers, query clauses, interpolated strings) recognised by their punctuation. Walking
        /// every syntax node of a project's bodies cost as much as a twentieth of its compilation; the text is read
        /// in a small fraction of that. The words of comments and strings count too, and a keyword-like context may
        /// count where the syntax would not: the index only proposes callers, which binding then confirms, so a
        /// name too many costs a little binding and a name too few would lose a caller. What the syntax says is
        /// always among what the text says (tests compare the two on every test and sample source).
        /// </summary>
        internal static class CallSiteReader
        {
            private const string ImplicitConstruction = CallSiteIndex.ImplicitConstruction;
            private const string Interpolation = CallSiteIndex.Interpolation;
            private const string ElementAccess = CallSiteIndex.ElementAccess;

            private static readonly ImmutableArray<string> QueryMethods = ImmutableArray.Create(
                "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast");

            private static readonly ImmutableArray<ulong> QueryMethodKeys = QueryMethods.Select(KeyOf).ToImmutableArray();
            private static readonly ImmutableArray<ulong> InterpolationKeys = ImmutableArray.Create(KeyOf(Interpolation), KeyOf("AppendLiteral"), KeyOf("AppendFormatted"));
            private static readonly ulong ImplicitConstructionKey = KeyOf(ImplicitConstruction);
            private static readonly ulong ElementAccessKey = KeyOf(ElementAccess);
            private static readonly ulong AddKey = KeyOf("Add");

            private const ulong FnvOffset = 14695981039346656037UL;
            private const ulong FnvPrime = 1099511628211UL;

            /// <summary>
            /// The key a name is indexed under: a 64-bit hash of its characters, so that reading a tree allocates no
            /// string per word. Two names with one key make each other's callers candidates; nothing is lost.
            /// </summary>
            public static ulong KeyOf(string name)
            {
                var key = FnvOffset;
                foreach (var c in name)
                {
                    key = (key ^ c) * FnvPrime;
                }

                return key;
            }

            /// <summary>A tree's declarations by the keys of the names they mention, and its using aliases.</summary>
            public static TreeNames Read(SyntaxTree tree) => new Reader().Read(tree);

            /// <summary>
            /// Every (name, declaration) the syntax of a tree says: simple names and the call forms' pseudo-names,
            /// under the declaration whose code holds them. The reference for the text reading (tests), and how
            /// code outside types (top-level statements) is read.
            /// </summary>
            internal static IEnumerable<(string Name, string? Qualifier, SyntaxNode Declaration)> MentionsBySyntax(SyntaxTree tree)
            {
                var mentions = new List<(string, string?, SyntaxNode)>();
                WalkSyntax(tree.GetRoot(), declaration: null, (name, qualifier, declaration) => mentions.Add((name, qualifier, declaration)), new List<(string, string)>());
                return mentions;
            }

            private static void WalkSyntax(SyntaxNode start, SyntaxNode? declaration, Action<string, string?, SyntaxNode> mention, List<(string Alias, string Target)> aliases)
            {
                var stack = new Stack<(SyntaxNode Node, SyntaxNode? Declaration)>();
                stack.Push((start, declaration));
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
                        MentionNamesCalledBy(node, enclosing, mention);
                    }

                    foreach (var child in node.ChildNodesAndTokens())
                    {
                        if (child.AsNode() is { } childNode)
                        {
                            stack.Push((childNode, enclosing));
                        }
                    }
                }
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
            internal static bool StoresLambda(SyntaxNode initializer)
            {
                foreach (var node in initializer.DescendantNodes())
                {
                    if (node is AnonymousFunctionExpressionSyntax)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsStaticOrConst(SyntaxTokenList modifiers)
            {
                foreach (var modifier in modifiers)
                {
                    if (modifier.IsKind(SyntaxKind.StaticKeyword) || modifier.IsKind(SyntaxKind.ConstKeyword))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Reads trees one after another: the declarations found from syntax, their code read as text. Its
            /// buffers are kept from one tree to the next;
            /// growing a fresh set for each small file was most of what reading a project allocated.
            /// </summary>
            internal sealed class Reader : DeclarationReader
            {
                private SourceText _text = SourceText.From(string.Empty);
                private char[] _buffer = new char[256];

                // Per tree, a flat list of (name, declaration, spellings): a list per name of each small file cost
                // most of what reading allocated. A name is listed once per declaration.
                private readonly List<SyntaxNode> _declarations = new();
                private readonly List<(ulong Key, int Declaration, Spellings Spellings)> _mentions = new();
                private readonly Dictionary<ulong, int> _mentionedByCurrent = new();
                private readonly List<(string Alias, string Target)> _aliases = new();

                public TreeNames Read(SyntaxTree tree)
                {
                    _text = tree.GetText();
                    _declarations.Clear();
                    _mentions.Clear();
                    _mentionedByCurrent.Clear();
                    _aliases.Clear();
                    if (!ReadDeclarations(tree))
                    {
                        WalkSyntax(tree.GetRoot(), declaration: null, Mention, _aliases);
                    }

                    return new(_declarations.ToImmutableArray(), _mentions.ToArray(), _aliases.ToImmutableArray());
                }

                protected override void OnUsings(SyntaxList<UsingDirectiveSyntax> usings)
                {
                    foreach (var directive in usings)
                    {
                        if (SyntaxNames.AliasOf(directive) is { } alias)
                        {
                            _aliases.Add(alias);
                        }
                    }
                }

                /// <summary>A type's base list runs per instance (its arguments are the base constructor's), as <see cref="DeclarationOf"/> has it.</summary>
                protected override void OnType(BaseTypeDeclarationSyntax type)
                {
                    if (type.BaseList is { } baseList)
                    {
                        ReadCode(baseList, default);
                    }
                }

                /// <summary>The declarations among members, as <see cref="DeclarationOf"/> defines them for the syntax walk.</summary>
                protected override void OnMember(MemberDeclarationSyntax member)
                {
                    switch (member)
                    {
                        case BaseMethodDeclarationSyntax method:
                            ReadCode(method, DeclaredName(method));
                            break;
                        case BasePropertyDeclarationSyntax property:
                            foreach (var accessor in property.AccessorList?.Accessors ?? default)
                            {
                                ReadCode(accessor, default);
                            }

                            var (arrow, initializer) = property switch
                            {
                                PropertyDeclarationSyntax p => (p.ExpressionBody, IsStaticOrConst(p.Modifiers) && (p.Initializer is null || !StoresLambda(p.Initializer)) ? null : p.Initializer),
                                IndexerDeclarationSyntax i => (i.ExpressionBody, null),
                                _ => (null, null),
                            };
                            if (arrow is not null)
                            {
                                ReadCode(arrow, default);
                            }

                            if (initializer is not null)
                            {
                                ReadCode(initializer, default);
                            }

                            break;
                        case BaseFieldDeclarationSyntax field:
                            if (!IsStaticOrConst(field.Modifiers) || StoresLambda(field))
                            {
                                foreach (var variable in field.Declaration.Variables)
                                {
                                    if (variable.Initializer is { } fieldInitializer)
                                    {
                                        ReadCode(fieldInitializer, default);
                                    }
                                }
                            }

                            break;
                        case DelegateDeclarationSyntax:
                            break;
                        default:
                            // Top-level statements, and members of broken code: few, read node by node.
                            WalkSyntax(member, declaration: null, Mention, _aliases);
                            break;
                    }
                }

                public void Mention(string name, string? qualifier, SyntaxNode declaration)
                    => Mention(KeyOf(name), qualifier is null ? Spellings.Unqualified : Spellings.QualifiedBy(KeyOf(qualifier)), declaration);

                private void Mention(ulong key, Spellings spelling, SyntaxNode declaration)
                {
                    // A declaration's code is read in one go (declarations do not nest), so it is always the last one listed.
                    if (_declarations.Count == 0 || _declarations[_declarations.Count - 1] != declaration)
                    {
                        _declarations.Add(declaration);
                        _mentionedByCurrent.Clear();
                    }

                    if (_mentionedByCurrent.TryGetValue(key, out var listed))
                    {
                        var mention = _mentions[listed];
                        _mentions[listed] = (mention.Key, mention.Declaration, mention.Spellings.With(spelling));
                    }
                    else
                    {
                        _mentionedByCurrent.Add(key, _mentions.Count);
                        _mentions.Add((key, _declarations.Count - 1, spelling));
                    }
                }

                /// <summary>
                /// The name a method or constructor declares: not a mention (the syntax has it as a token, not a
                /// name), and counting it would make every method a candidate caller of every method of its name.
                /// </summary>
                private static TextSpan DeclaredName(BaseMethodDeclarationSyntax method) => method switch
                {
                    MethodDeclarationSyntax m => m.Identifier.Span,
                    ConstructorDeclarationSyntax c => c.Identifier.Span,
                    DestructorDeclarationSyntax d => d.Identifier.Span,
                    _ => default,
                };

                /// <summary>Reads a declaration's text, except <paramref name="skipped"/>.</summary>
                private void ReadCode(SyntaxNode declaration, TextSpan skipped)
                {
                    if (skipped.IsEmpty)
                    {
                        ReadText(declaration, declaration.Span);
                    }
                    else
                    {
                        ReadText(declaration, TextSpan.FromBounds(declaration.Span.Start, skipped.Start));
                        ReadText(declaration, TextSpan.FromBounds(skipped.End, declaration.Span.End));
                    }
                }

                /// <summary>Reads a declaration's text: its words, and the punctuation of the call forms that spell no name.</summary>
                private void ReadText(SyntaxNode declaration, TextSpan span)
                {
                    if (_buffer.Length < span.Length)
                    {
                        _buffer = new char[Math.Max(span.Length, _buffer.Length * 2)];
                    }

                    _text.CopyTo(span.Start, _buffer, 0, span.Length);
                    var c = _buffer;
                    var n = span.Length;
                    var sawNew = false;
                    var lastWordEnd = -1;
                    var lastWord = 0UL;
                    var i = 0;
                    while (i < n)
                    {
                        var ch = c[i];
                        if (StartsWord(c, i, n))
                        {
                            var start = i;
                            var key = ReadWord(c, ref i, n);
                            Mention(key, QualifiedByWord(c, start, lastWordEnd) ? Spellings.QualifiedBy(lastWord) : Spellings.Unqualified, declaration);
                            lastWordEnd = i;
                            lastWord = key;
                            var plain = i - start;
                            if (Is(c, start, plain, "new"))
                            {
                                sawNew = true;
                                if (!StartsWord(c, SkipSpace(c, i, n), n))
                                {
                                    Mention(ImplicitConstructionKey, Spellings.Unqualified, declaration); // `new()`, `new(args)`; `new[]`, `new {` too, harmlessly
                                }
                            }
                            else if ((Is(c, start, plain, "this") || Is(c, start, plain, "base")) && At(c, SkipSpace(c, i, n), n, '('))
                            {
                                Mention(ImplicitConstructionKey, Spellings.Unqualified, declaration); // `: this(...)`, `: base(...)`
                            }
                            else if (Is(c, start, plain, "from"))
                            {
                                foreach (var method in QueryMethodKeys)
                                {
                                    Mention(method, Spellings.Unqualified, declaration);
                                }
                            }

                            continue;
                        }

                        switch (ch)
                        {
                            case >= '0' and <= '9':
                                // A number's letters (`0x1F`, `1e5`, `10L`) are no names.
                                while (i < n && (IsAsciiWordPart(c[i]) || c[i] == '_'))
                                {
                                    i++;
                                }

                                continue;
                            case '[':
                                Mention(ElementAccessKey, Spellings.Unqualified, declaration);
                                break;
                            case '$' when i + 1 < n && c[i + 1] is '"' or '@' or '$':
                                foreach (var interpolation in InterpolationKeys)
                                {
                                    Mention(interpolation, Spellings.Unqualified, declaration);
                                }

                                break;
                            case '{' when sawNew:
                                // A collection initializer is the initializer of a `new`, or nested in one (`Items = { 1, 2 }`).
                                Mention(AddKey, Spellings.Unqualified, declaration);
                                break;
                        }

                        i++;
                    }
                }
            }

            /// <summary>Whether the word at <paramref name="start"/> follows <c>.</c> right after the last word, on its line (not <c>?.</c>, <c>&gt;.</c>, <c>).</c>).</summary>
            private static bool QualifiedByWord(char[] c, int start, int lastWordEnd)
            {
                // Across a line break a word or a dot may be a line comment's (`Helper // the helper` then `.Load()`
                // on the next line; a comment ending `... node.` then `Load()`): no qualifier is taken from there.
                var j = SkipSpaceBack(c, start - 1);
                if (j < 0 || c[j] != '.')
                {
                    return false;
                }

                j = SkipSpaceBack(c, j - 1);
                return j >= 0 && j == lastWordEnd - 1;

                static int SkipSpaceBack(char[] c, int j)
                {
                    while (j >= 0 && char.IsWhiteSpace(c[j]))
                    {
                        if (c[j] is '\n' or '\r')
                        {
                            return -1;
                        }

                        j--;
                    }

                    return j;
                }
            }

            /// <summary>Whether a word (an identifier as C# spells it: <c>@name</c>, <c>\u0041bc</c>) starts at <paramref name="i"/>.</summary>
            private static bool StartsWord(char[] c, int i, int n)
            {
                if (i >= n)
                {
                    return false;
                }

                var ch = c[i];
                if (ch == '@')
                {
                    return i + 1 < n && (IsWordStart(c[i + 1]) || (c[i + 1] == '\\' && Escaped(c, i + 1, n, out var afterAt, out _) && IsWordStart(afterAt)));
                }

                return IsWordStart(ch) || (ch == '\\' && Escaped(c, i, n, out var escaped, out _) && IsWordStart(escaped));
            }

            /// <summary>
            /// Reads the word at <paramref name="i"/> and returns the key of its value as the compiler reads it:
            /// without a leading <c>@</c>, with escapes decoded and formatting characters left out.
            /// </summary>
            private static ulong ReadWord(char[] c, ref int i, int n)
            {
                if (c[i] == '@')
                {
                    i++;
                }

                var key = FnvOffset;
                while (i < n)
                {
                    var ch = c[i];
                    var length = 1;
                    if (ch == '\\')
                    {
                        if (!Escaped(c, i, n, out ch, out length))
                        {
                            break;
                        }
                    }

                    if (ch < 128)
                    {
                        if (!IsAsciiWordPart(ch) && ch != '_')
                        {
                            break;
                        }
                    }
                    else
                    {
                        var category = CharUnicodeInfo.GetUnicodeCategory(ch);
                        if (category == UnicodeCategory.Format)
                        {
                            i += length;
                            continue;
                        }

                        if (!IsWordPartCategory(category))
                        {
                            break;
                        }
                    }

                    key = (key ^ ch) * FnvPrime;
                    i += length;
                }

                return key;
            }

            /// <summary>A <c>\uXXXX</c> or <c>\UXXXXXXXX</c> escape of one UTF-16 character at <paramref name="i"/>.</summary>
            private static bool Escaped(char[] c, int i, int n, out char value, out int length)
            {
                value = default;
                length = 0;
                if (i + 1 >= n || c[i + 1] is not ('u' or 'U'))
                {
                    return false;
                }

                var digits = c[i + 1] == 'u' ? 4 : 8;
                if (i + 2 + digits > n)
                {
                    return false;
                }

                var code = 0L;
                for (var d = 0; d < digits; d++)
                {
                    var h = c[i + 2 + d];
                    var digit = h switch
                    {
                        >= '0' and <= '9' => h - '0',
                        >= 'a' and <= 'f' => h - 'a' + 10,
                        >= 'A' and <= 'F' => h - 'A' + 10,
                        _ => -1,
                    };
                    if (digit < 0)
                    {
                        return false;
                    }

                    code = (code * 16) + digit;
                }

                if (code > char.MaxValue)
                {
                    return false;
                }

                value = (char)code;
                length = 2 + digits;
                return true;
            }

            private static bool IsWordStart(char ch)
                => ch < 128
                    ? ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_'
                    : CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

            private static bool IsAsciiWordPart(char ch) => ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

            private static bool IsWordPartCategory(UnicodeCategory category)
                => category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
                    or UnicodeCategory.ConnectorPunctuation;

            /// <summary>Whether the <paramref name="length"/> characters at <paramref name="start"/> are exactly <paramref name="word"/>.</summary>
            private static bool Is(char[] c, int start, int length, string word)
            {
                if (length != word.Length)
                {
                    return false;
                }

                for (var k = 0; k < length; k++)
                {
                    if (c[start + k] != word[k])
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool At(char[] c, int i, int n, char expected) => i < n && c[i] == expected;

            /// <summary>The first position from <paramref name="i"/> that is not white space or a comment.</summary>
            private static int SkipSpace(char[] c, int i, int n)
            {
                while (i < n)
                {
                    if (char.IsWhiteSpace(c[i]))
                    {
                        i++;
                    }
                    else if (c[i] == '/' && i + 1 < n && c[i + 1] == '/')
                    {
                        while (i < n && c[i] != '\n' && c[i] != '\r')
                        {
                            i++;
                        }
                    }
                    else if (c[i] == '/' && i + 1 < n && c[i + 1] == '*')
                    {
                        i += 2;
                        while (i + 1 < n && !(c[i] == '*' && c[i + 1] == '/'))
                        {
                            i++;
                        }

                        i += 2;
                    }
                    else
                    {
                        break;
                    }
                }

                return i;
            }
        }

        /// <summary>What <see cref="CallSiteReader"/> read from one tree.</summary>
        internal sealed class TreeNames
        {
            private readonly ImmutableArray<SyntaxNode> _declarations;
            private readonly (ulong Key, int Declaration, Spellings Spellings)[] _mentions;

            public TreeNames(ImmutableArray<SyntaxNode> declarations, (ulong Key, int Declaration, Spellings Spellings)[] mentions, ImmutableArray<(string Alias, string Target)> aliases)
            {
                _declarations = declarations;
                _mentions = mentions;
                Aliases = aliases;
            }

            /// <summary>Each name (by <see cref="CallSiteReader.KeyOf"/>) with a declaration mentioning it and how, once per pair.</summary>
            public IEnumerable<(ulong Key, SyntaxNode Declaration, Spellings Spellings)> Mentions
            {
                get
                {
                    foreach (var (key, declaration, spellings) in _mentions)
                    {
                        yield return (key, _declarations[declaration], spellings);
                    }
                }
            }

            /// <summary>How many (name, declaration) pairs the tree has; <see cref="KeyAt"/> and <see cref="MentionAt"/> read them without an enumerator.</summary>
            public int Count => _mentions.Length;

            public ulong KeyAt(int i) => _mentions[i].Key;

            public (SyntaxNode Declaration, Spellings Spellings) MentionAt(int i) => (_declarations[_mentions[i].Declaration], _mentions[i].Spellings);

            public ImmutableArray<(string Alias, string Target)> Aliases { get; }

            /// <summary>The declarations of this tree mentioning the name of a key.</summary>
            public IEnumerable<SyntaxNode> DeclarationsMentioning(ulong key)
            {
                var byKey = System.Threading.LazyInitializer.EnsureInitialized(ref _byKey, () => Mentions.ToLookup(m => m.Key, m => m.Declaration))!;
                return byKey[key];
            }

            private ILookup<ulong, SyntaxNode>? _byKey;
        }

        /// <summary>
        /// How a declaration spells a name: alone or after an expression (<c>Load()</c>, <c>Make().Load</c>,
        /// <c>x?.Load</c>, <c>List&lt;T&gt;.Load</c>), or after a word and a dot (<c>Helper</c> in
        /// <c>Ns.Helper.Load</c>). One word is kept exactly; a name spelled after two different words is taken as
        /// possibly spelled after any.
        /// </summary>
        internal readonly struct Spellings
        {
            private const byte Alone = 1;
            private const byte AfterWord = 2;
            private const byte AfterWords = 4;

            private readonly ulong _word;
            private readonly byte _forms;

            private Spellings(ulong word, byte forms)
            {
                _word = word;
                _forms = forms;
            }

            public static Spellings Unqualified => new(0, Alone);

            public static Spellings QualifiedBy(ulong word) => new(word, AfterWord);

            public Spellings With(Spellings other)
            {
                var forms = (byte)(_forms | other._forms);
                if ((_forms & AfterWord) != 0 && (other._forms & AfterWord) != 0 && _word != other._word)
                {
                    forms |= AfterWords;
                }

                return new Spellings((_forms & AfterWord) != 0 ? _word : other._word, forms);
            }

            /// <summary>Whether the name may be spelled alone, or after one of <paramref name="words"/> (by <see cref="CallSiteReader.KeyOf"/>).</summary>
            public bool MayBeAloneOrAfter(ICollection<ulong> words)
                => (_forms & (Alone | AfterWords)) != 0 || ((_forms & AfterWord) != 0 && words.Contains(_word));
        }
    }
}
