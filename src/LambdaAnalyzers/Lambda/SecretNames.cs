using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Whether a name (an environment variable, a configuration key, a variable) names a secret value.
    /// Names are split into words whatever their style (<c>DB_PASSWORD</c>, <c>Db:Password</c>,
    /// <c>ConnectionStrings__Orders</c>, <c>stripeApiKey</c>); a name holds a secret when its words contain a
    /// secret phrase, unless its last word says it points to the secret instead (<c>SECRET_ARN</c>,
    /// <c>DB_PASSWORD_PARAMETER</c>, <c>TOKEN_URL</c>), or names a resource the secret word only qualifies
    /// (<c>TokenStoreBucket</c>, <c>SECRETS_TABLE</c>, <c>PASSWORD_RESET_QUEUE</c>), or it is one of Lambda's
    /// reserved variables.
    /// </summary>
    internal sealed class SecretNames
    {
        public const string SecretPatternsOption = "secret_name_patterns";
        public const string NonSecretPatternsOption = "non_secret_name_patterns";

        private static readonly ImmutableArray<string[]> DefaultSecretPhrases = Phrases(
            "password, passwd, pwd, secret, token, api key, apikey, private key, client secret, credential, credentials, connection string, connection strings, connectionstring, connectionstrings");

        private static readonly ImmutableHashSet<string> DefaultPointerWords = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "arn", "name", "id", "parameter", "param", "path", "url", "uri", "ttl", "seconds", "secs", "minutes", "ms", "timeout", "expiry", "expiration", "header", "file", "type", "endpoint", "region", "length", "prefix", "label", "field", "prompt", "hint");

        /// <summary>
        /// A name ending in a resource noun names that resource: the secret word before it only says which
        /// one (a bucket of tokens, a table of secrets, the queue of password resets). Not replaced by the
        /// non-secret option: it is how names are built, not a list of suffixes a team chooses.
        /// </summary>
        private static readonly ImmutableHashSet<string> ResourceNouns = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "bucket", "buckets", "table", "tables", "queue", "queues", "topic", "topics", "stream", "streams", "store", "stores", "arn", "url", "endpoint");

        /// <summary>Set by the runtime; the SDK's credential chain reads the credential ones.</summary>
        private static readonly ImmutableHashSet<string> ReservedVariables = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "_HANDLER", "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR", "AWS_EXECUTION_ENV", "AWS_LAMBDA_RUNTIME_API", "_X_AMZN_TRACE_ID", "AWS_XRAY_DAEMON_ADDRESS", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_LAMBDA_INITIALIZATION_TYPE");

        private readonly ImmutableArray<string[]> _secretPhrases;
        private readonly ImmutableHashSet<string> _pointerWords;

        private SecretNames(ImmutableArray<string[]> secretPhrases, ImmutableHashSet<string> pointerWords)
        {
            _secretPhrases = secretPhrases;
            _pointerWords = pointerWords;
        }

        public static SecretNames Default { get; } = new(DefaultSecretPhrases, DefaultPointerWords);

        /// <summary>The classifier for a file: the defaults, or the lists set in .editorconfig (comma-separated words or phrases).</summary>
        public static SecretNames For(AnalyzerOptions options, SyntaxTree tree) => For(options.AnalyzerConfigOptionsProvider.GetOptions(tree));

        public static SecretNames For(AnalyzerConfigOptions config)
        {
            var hasSecrets = config.TryGetValue(AnalyzerOptionsExtensions.Prefix + SecretPatternsOption, out var secrets);
            var hasPointers = config.TryGetValue(AnalyzerOptionsExtensions.Prefix + NonSecretPatternsOption, out var pointers);
            if (!hasSecrets && !hasPointers)
            {
                return Default;
            }

            return new SecretNames(
                hasSecrets ? Phrases(secrets!) : DefaultSecretPhrases,
                hasPointers ? Phrases(pointers!).Select(p => string.Concat(p)).ToImmutableHashSet(StringComparer.Ordinal) : DefaultPointerWords);
        }

        public bool IsSecret(string? name)
        {
            if (string.IsNullOrWhiteSpace(name) || ReservedVariables.Contains(name!) || name!.StartsWith("AWS_LAMBDA_", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var words = Words(name);
            var last = words.Count == 0 ? null : words[words.Count - 1];
            if (last is null || _pointerWords.Contains(last) || ResourceNouns.Contains(last) || words.Contains("ttl"))
            {
                return false;
            }

            return _secretPhrases.Any(phrase => ContainsSequence(words, phrase));
        }

        /// <summary>
        /// Whether the name is a secret only because it names a connection string (<c>ConnectionString</c>,
        /// <c>ConnectionStrings:Orders</c>, <c>DB_CONNECTION_STRING</c>): many connection strings carry no
        /// password (IAM authentication, a local database, a broker URL), so the name alone does not show a
        /// secret. A password or secret word in the name does.
        /// </summary>
        public bool NamesOnlyAConnectionString(string? name)
        {
            if (!IsSecret(name))
            {
                return false;
            }

            var words = Words(name!);
            var matched = _secretPhrases.Where(phrase => ContainsSequence(words, phrase)).ToList();
            return matched.Count > 0 && matched.All(phrase => phrase.Any(w => w.StartsWith("connection", StringComparison.Ordinal)));
        }

        /// <summary><c>stripeApiKey</c> → stripe, api, key; <c>DB_PASSWORD</c> → db, password; <c>Db:Password</c> → db, password.</summary>
        public static List<string> Words(string name)
        {
            var words = new List<string>();
            var current = new System.Text.StringBuilder();
            void Flush()
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString().ToLowerInvariant());
                    current.Clear();
                }
            }

            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush();
                    continue;
                }

                var startsWord = char.IsUpper(c) && current.Length > 0
                    && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (startsWord)
                {
                    Flush();
                }

                current.Append(c);
            }

            Flush();
            return words;
        }

        private static bool ContainsSequence(List<string> words, string[] phrase)
        {
            for (var start = 0; start + phrase.Length <= words.Count; start++)
            {
                var matches = true;
                for (var i = 0; i < phrase.Length && matches; i++)
                {
                    matches = words[start + i] == phrase[i];
                }

                if (matches)
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableArray<string[]> Phrases(string list)
            => list.Split(',')
                .Select(p => p.Trim())
                .Where(p => p.Length > 0)
                .Select(p => p.Split(new[] { ' ', '_', '-', ':' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToArray())
                .ToImmutableArray();
    }
}
