using System;

namespace LambdaAnalyzers
{
    /// <summary>Values that stand for a secret without being one, in code (LAM102) and in templates (LAM405).</summary>
    internal static class Placeholders
    {
        /// <summary>Empty, "changeme", "&lt;password&gt;", "${DB_PASSWORD}", "{{resolve:...}}", "xxxx", "example" and the like.</summary>
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
                   || ContainsAny(text, PlaceholderParts);
        }

        private static readonly string[] PlaceholderWords = { "changeme", "change-me", "change_me", "password", "secret", "todo", "none", "null" };

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
