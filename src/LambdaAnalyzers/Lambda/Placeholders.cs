using System;

namespace LambdaAnalyzers
{
    /// <summary>Values that stand for a secret without being one, in code (LAM102) and in templates (LAM405).</summary>
    internal static class Placeholders
    {
        /// <summary>
        /// Empty, "changeme", "&lt;password&gt;", "${DB_PASSWORD}", "{{resolve:...}}", "xxxx", "example", "dummy",
        /// "test", "stub", "local", "default-key", "fake-token", "your-api-key" and the like.
        /// </summary>
        public static bool IsPlaceholder(string value)
        {
            // Asked of every string literal of a project (LAM102): nothing here allocates, unless the value has surrounding spaces to trim.
            var text = value.Trim();
            if (text.Length < 4)
            {
                return true;
            }

            return IsAny(text, PlaceholderWords)
                   || (text.StartsWith("<", StringComparison.Ordinal) && text.EndsWith(">", StringComparison.Ordinal))
                   || text.Contains("${") || text.Contains("{{") || text.Contains("%(")
                   || IsMask(text)
                   || ContainsAny(text, PlaceholderParts)
                   || (text.IndexOf('=') < 0 && StartsWithAny(text, PlaceholderPrefixes));
        }

        private static readonly string[] PlaceholderWords = { "changeme", "change-me", "change_me", "password", "secret", "todo", "none", "null", "test", "stub", "local" };

        /// <summary>
        /// Values that begin by saying what they are: "default-key", "defaultPassword", "fake_token", "xxx…",
        /// "YOUR_API_KEY", "test-secret". Not asked of text holding '=' (a connection string says its own values,
        /// and "DefaultEndpointsProtocol=…;AccountKey=…" is a real one).
        /// </summary>
        private static readonly string[] PlaceholderPrefixes = { "default", "fake", "xxx", "your", "test" };

        private static readonly string[] PlaceholderParts = { "example", "placeholder", "dummy", "your_", "your-" };

        private static bool IsAny(string text, string[] words)
        {
            foreach (var word in words)
            {
                if (string.Equals(text, word, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsAny(string text, string[] parts)
        {
            foreach (var part in parts)
            {
                if (text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The prefix is the whole value or a word of its own: "default", "default-key", "defaultKey", not "defaulted".</summary>
        private static bool StartsWithAny(string text, string[] prefixes)
        {
            foreach (var prefix in prefixes)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && (text.Length == prefix.Length || !char.IsLetter(text[prefix.Length]) || (char.IsUpper(text[prefix.Length]) && char.IsLower(text[prefix.Length - 1])) || prefix is "xxx" or "fake"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"xxxx", "****", "x-x-x".</summary>
        private static bool IsMask(string text)
        {
            foreach (var c in text)
            {
                if (c is not ('x' or 'X' or '*' or '.' or '-' or '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
