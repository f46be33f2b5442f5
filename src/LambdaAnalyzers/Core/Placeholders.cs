using System;
using System.Linq;

namespace LambdaAnalyzers
{
    /// <summary>Values that stand for a secret without being one, in code (LAM102) and in templates (LAM405).</summary>
    internal static class Placeholders
    {
        /// <summary>Empty, "changeme", "&lt;password&gt;", "${DB_PASSWORD}", "{{resolve:...}}", "xxxx", "example" and the like.</summary>
        public static bool IsPlaceholder(string value)
        {
            var text = value.Trim();
            if (text.Length < 4)
            {
                return true;
            }

            var lower = text.ToLowerInvariant();
            return lower is "changeme" or "change-me" or "change_me" or "password" or "secret" or "todo" or "none" or "null"
                   || (text.StartsWith("<", StringComparison.Ordinal) && text.EndsWith(">", StringComparison.Ordinal))
                   || text.Contains("${") || text.Contains("{{") || text.Contains("%(")
                   || text.All(c => c is 'x' or 'X' or '*' or '.' or '-' or '_')
                   || lower.Contains("example") || lower.Contains("placeholder") || lower.Contains("dummy") || lower.Contains("your_") || lower.Contains("your-");
        }
    }
}
