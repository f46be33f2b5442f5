using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers
{
    /// <summary>Reads <c>lambda_analyzers.*</c> options from .editorconfig / .globalconfig.</summary>
    internal static class AnalyzerOptionsExtensions
    {
        public const string Prefix = "lambda_analyzers.";

        public static bool GetBool(this AnalyzerOptions options, SyntaxTree tree, string name, bool defaultValue)
        {
            var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            if (config.TryGetValue(Prefix + name, out var text) && bool.TryParse(text.Trim(), out var value))
            {
                return value;
            }

            return defaultValue;
        }

        /// <summary>A text option, or null when it is absent or blank.</summary>
        public static string? GetText(this AnalyzerOptions options, SyntaxTree tree, string name)
        {
            var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            return config.TryGetValue(Prefix + name, out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        }
    }
}
