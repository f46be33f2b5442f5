using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers
{
    /// <summary>How syntax spells a type, read before anything is bound.</summary>
    internal static class SyntaxNames
    {
        /// <summary><c>Amazon.Lambda.Core.ILambdaContext</c>, <c>global::X.ILambdaContext</c>, <c>ILambdaContext?</c>, <c>List&lt;T&gt;</c> → the last identifier.</summary>
        public static string LastName(TypeSyntax type) => type switch
        {
            NullableTypeSyntax nullable => LastName(nullable.ElementType),
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };

        /// <summary><c>using Svc = Shapes.AliasedService;</c> → (<c>Svc</c>, <c>AliasedService</c>); null for any other using.</summary>
        public static (string Alias, string Target)? AliasOf(UsingDirectiveSyntax directive)
            => directive is { Alias: { } alias, Name: { } target } ? (alias.Name.Identifier.ValueText, LastName(target)) : null;
    }
}
