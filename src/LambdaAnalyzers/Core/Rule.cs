using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>The one place descriptors are made, so every rule gets the same help link, category and tags.</summary>
    internal static class Rule
    {
        public const string DocsBaseUri = "https://github.com/lambda-analyzers/lambda-analyzers/blob/main/docs/rules/";

        public static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity defaultSeverity,
            string description)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                defaultSeverity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id),
                customTags: new[] { "Lambda" });
        }

        public static string HelpLink(string id) => DocsBaseUri + id + ".md";
    }
}
