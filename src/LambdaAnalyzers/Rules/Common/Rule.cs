using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>The one place descriptors are made, so every rule gets the same help link, category and tags.</summary>
    internal static class Rule
    {
        /// <summary>The rule pages in the repository (its URL is RepositoryUrl in Directory.Build.props).</summary>
        public const string DocsBaseUri = RepositoryInfo.Url + "/blob/main/docs/rules/";

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
