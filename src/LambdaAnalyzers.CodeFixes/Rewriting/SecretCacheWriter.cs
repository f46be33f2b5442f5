using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>
    /// Writes a secret cached once per execution environment, the shape both secret fixes produce:
    /// <code>
    /// private static readonly IAmazonSimpleSystemsManagement s_parameterStore = new AmazonSimpleSystemsManagementClient();
    /// private static string? s_dbPassword;
    /// private static async Task&lt;string&gt; GetDbPasswordAsync() => s_dbPassword ??= (await s_parameterStore.GetParameterAsync(...).ConfigureAwait(false)).Parameter.Value;
    /// </code>
    /// The value is kept only once fetched: a failed fetch (throttling, a network blip at cold start) is
    /// tried again on the next invocation instead of failing the environment for the rest of its life, as
    /// a cached faulted <c>Lazy&lt;Task&gt;</c> would. Concurrent first calls can both fetch; in Lambda an
    /// environment serves one invocation at a time, and a second identical assignment is harmless anyway.
    /// The getter is synchronous where the caller cannot await; it blocks once per environment, off the
    /// per-invocation path. One writer serves every diagnostic of a document (Fix All): one client per
    /// type and store, one cache per secret, distinct names.
    /// </summary>
    internal sealed class SecretCacheWriter
    {
        private readonly DocumentEditor _editor;
        private readonly SemanticModel _model;
        private readonly Dictionary<TypeDeclarationSyntax, List<MemberDeclarationSyntax>> _fields = new();
        private readonly Dictionary<TypeDeclarationSyntax, List<MemberDeclarationSyntax>> _methods = new();
        private readonly Dictionary<TypeDeclarationSyntax, HashSet<string>> _taken = new();
        private readonly Dictionary<(TypeDeclarationSyntax Type, string Client), string> _clients = new();
        private readonly Dictionary<(TypeDeclarationSyntax Type, string Fetch, bool Async), string> _getters = new();
        private readonly Dictionary<(TypeDeclarationSyntax Type, string Fetch), string> _caches = new();
        private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);

        public SecretCacheWriter(DocumentEditor editor, SemanticModel model)
        {
            _editor = editor;
            _model = model;
        }

        public void Import(string @namespace) => _namespaces.Add(@namespace);

        /// <summary>A static field of the type holding the store's client (an existing one if the type has it), by name.</summary>
        public string ClientFor(TypeDeclarationSyntax type, SecretStore store, CancellationToken cancellationToken)
        {
            if (_clients.TryGetValue((type, store.ClientInterface), out var known))
            {
                return known;
            }

            var client = store.Client(LambdaCompilation.For(_model.Compilation).Types);
            var existing = _model.GetDeclaredSymbol(type, cancellationToken)?.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.IsStatic && f.Type.Implements(client));
            if (existing is not null)
            {
                return _clients[(type, store.ClientInterface)] = existing.Name;
            }

            var name = UniqueName(type, store.ClientField, cancellationToken);
            Import(store.Namespace);
            Add(_fields, type, ParseMember($"private static readonly {store.ClientInterface} {name} = new {store.ClientClass}();"));
            return _clients[(type, store.ClientInterface)] = name;
        }

        /// <summary>
        /// The getter for one cached value: <paramref name="awaitedFetch"/> and <paramref name="blockingFetch"/>
        /// compute it from scratch (awaiting, or blocking once), and the same fetch text shares one cache.
        /// </summary>
        public string Getter(TypeDeclarationSyntax type, string baseName, string valueType, bool async, ExpressionSyntax awaitedFetch, ExpressionSyntax blockingFetch, CancellationToken cancellationToken)
        {
            var fetchKey = Normalize(awaitedFetch);
            if (_getters.TryGetValue((type, fetchKey, async), out var known))
            {
                return known;
            }

            // A getter an earlier fix wrote for the same secret: reuse it, or at least its cache.
            foreach (var (existingGetter, existingCache, existingAsync) in WrittenGetters(type, Normalize(awaitedFetch), Normalize(blockingFetch)))
            {
                _caches[(type, fetchKey)] = existingCache;
                if (existingAsync == async)
                {
                    return _getters[(type, fetchKey, async)] = existingGetter;
                }
            }

            if (!_caches.TryGetValue((type, fetchKey), out var cache))
            {
                cache = UniqueName(type, "s_" + char.ToLowerInvariant(baseName[0]) + baseName.Substring(1), cancellationToken);
                _caches[(type, fetchKey)] = cache;
                var nullable = _model.GetNullableContext(type.SpanStart).AnnotationsEnabled() ? "?" : string.Empty;
                Add(_fields, type, ParseMember($"private static {valueType}{nullable} {cache};"));
            }

            var getter = UniqueName(type, "Get" + baseName + (async ? "Async" : string.Empty), cancellationToken);
            var body = (async ? awaitedFetch : blockingFetch).ToFullString();
            var declaration = async
                ? $"private static async Task<{valueType}> {getter}()\n{{\nreturn {cache} ??= {body};\n}}"
                : $"private static {valueType} {getter}()\n{{\nreturn {cache} ??= {body};\n}}";
            if (async)
            {
                Import("System.Threading.Tasks");
            }

            Add(_methods, type, ParseMember(declaration));
            return _getters[(type, fetchKey, async)] = getter;
        }

        /// <summary>The type's getters of the written shape (<c>return s_x ??= fetch;</c>) whose fetch is this one.</summary>
        private static IEnumerable<(string Getter, string Cache, bool Async)> WrittenGetters(TypeDeclarationSyntax type, string awaitedFetch, string blockingFetch)
        {
            foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
            {
                if (method.ParameterList.Parameters.Count == 0
                    && method.Modifiers.Any(SyntaxKind.StaticKeyword)
                    && method.Body?.Statements.Count == 1
                    && method.Body.Statements[0] is ReturnStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression, Left: IdentifierNameSyntax cache } assignment })
                {
                    var isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    if (Normalize(assignment.Right) == (isAsync ? awaitedFetch : blockingFetch))
                    {
                        yield return (method.Identifier.ValueText, cache.Identifier.ValueText, isAsync);
                    }
                }
            }
        }

        private static string Normalize(SyntaxNode node) => node.WithoutTrivia().NormalizeWhitespace().ToFullString();

        /// <summary>Inserts what was written and the usings it needs.</summary>
        public SyntaxNode Finish(SyntaxNode originalRoot)
        {
            var endOfLine = originalRoot.EndOfLine();
            foreach (var pair in _fields)
            {
                Hoister.InsertMembers(_editor, pair.Key, pair.Value, endOfLine);
            }

            foreach (var pair in _methods)
            {
                foreach (var method in pair.Value)
                {
                    _editor.AddMember(pair.Key, method);
                }
            }

            var root = _editor.GetChangedRoot();
            foreach (var @namespace in _namespaces.OrderBy(n => n, StringComparer.Ordinal))
            {
                root = Usings.EnsureUsing(root, _model.Compilation, @namespace);
            }

            return root;
        }

        /// <summary><c>await call.ConfigureAwait(false)</c>.</summary>
        public static ExpressionSyntax Awaited(ExpressionSyntax task) => ParseExpression("await " + task.ToFullString() + ".ConfigureAwait(false)");

        /// <summary><c>call.GetAwaiter().GetResult()</c>: in a getter that runs once per environment.</summary>
        public static ExpressionSyntax Blocking(ExpressionSyntax task) => ParseExpression(task.ToFullString() + ".GetAwaiter().GetResult()");

        /// <summary><c>(await call.ConfigureAwait(false)).Parameter.Value</c>: the awaited response, then the path to the value.</summary>
        public static ExpressionSyntax AwaitedValue(ExpressionSyntax task, string valuePath)
            => ParseExpression("(" + Awaited(task).ToFullString() + ")" + valuePath);

        /// <summary><c>call.GetAwaiter().GetResult().Parameter.Value</c>.</summary>
        public static ExpressionSyntax BlockingValue(ExpressionSyntax task, string valuePath)
            => ParseExpression(Blocking(task).ToFullString() + valuePath);

        /// <summary><c>DB_PASSWORD</c>, <c>payments/provider-key</c>, <c>Db:Password</c> → <c>DbPassword</c>, <c>PaymentsProviderKey</c>.</summary>
        public static string PascalName(string text, string fallback)
        {
            var words = new List<string>();
            var current = new System.Text.StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var boundary = !char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(text[i - 1]));
                if (boundary && current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }

                if (char.IsLetterOrDigit(c))
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }

            var name = string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1).ToLowerInvariant()));
            return name.Length == 0 || !char.IsLetter(name[0]) ? fallback : name;
        }

        private string UniqueName(TypeDeclarationSyntax type, string preferred, CancellationToken cancellationToken)
        {
            if (!_taken.TryGetValue(type, out var taken))
            {
                var symbol = _model.GetDeclaredSymbol(type, cancellationToken);
                taken = new HashSet<string>(symbol?.MemberNames ?? Enumerable.Empty<string>()) { type.Identifier.ValueText };
                _taken[type] = taken;
            }

            var name = preferred;
            for (var suffix = 2; taken.Contains(name); suffix++)
            {
                name = preferred + suffix;
            }

            taken.Add(name);
            return name;
        }

        private static void Add(Dictionary<TypeDeclarationSyntax, List<MemberDeclarationSyntax>> members, TypeDeclarationSyntax type, MemberDeclarationSyntax member)
        {
            if (!members.TryGetValue(type, out var list))
            {
                members[type] = list = new List<MemberDeclarationSyntax>();
            }

            list.Add(member.WithAdditionalAnnotations(Formatter.Annotation));
        }

        /// <summary>Parsed members carry no line breaks; elastic trivia lets the formatter lay them out like the user's.</summary>
        private static MemberDeclarationSyntax ParseMember(string text)
            => (ParseMemberDeclaration(text) ?? throw new InvalidOperationException("generated member does not parse: " + text))
                .WithLeadingTrivia(ElasticMarker)
                .WithTrailingTrivia(ElasticMarker);
    }
}
