using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>Adds a using directive the way the user would write it.</summary>
    internal static class Usings
    {
        /// <summary>Adds the using at file level, in order, System namespaces first, unless it is there (or global).</summary>
        public static SyntaxNode EnsureUsing(SyntaxNode root, Compilation compilation, string @namespace)
        {
            if (root is not CompilationUnitSyntax unit
                || unit.Usings.Any(u => u.Name?.ToString() == @namespace && u.Alias is null)
                || unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Usings.Any(u => u.Name?.ToString() == @namespace))
                || compilation.SyntaxTrees.Any(t => t.GetRoot() is CompilationUnitSyntax other
                    && other.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && u.Name?.ToString() == @namespace)))
            {
                return root;
            }

            var directive = UsingDirective(ParseName(@namespace)).NormalizeWhitespace();
            directive = directive.WithTrailingTrivia(root.EndOfLine());

            var usings = unit.Usings;
            var index = 0;
            while (index < usings.Count && usings[index].Alias is null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                   && Compare(usings[index].Name?.ToString() ?? string.Empty, @namespace) < 0)
            {
                index++;
            }

            if (index == 0 && usings.Count > 0)
            {
                // Take over the first using's leading trivia (a file header), leaving it its own line.
                directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
            }

            return unit.WithUsings(usings.Insert(index, directive));
        }

        private static int Compare(string left, string right)
        {
            var leftIsSystem = left == "System" || left.StartsWith("System.", System.StringComparison.Ordinal);
            var rightIsSystem = right == "System" || right.StartsWith("System.", System.StringComparison.Ordinal);
            if (leftIsSystem != rightIsSystem)
            {
                return leftIsSystem ? -1 : 1;
            }

            // As the IDE sorts: Amazon before AWS.
            var ignoringCase = string.Compare(left, right, System.StringComparison.OrdinalIgnoreCase);
            return ignoringCase != 0 ? ignoringCase : string.CompareOrdinal(left, right);
        }
    }
}
