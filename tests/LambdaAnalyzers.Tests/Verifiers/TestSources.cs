using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LambdaAnalyzers.Tests.Samples;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Verifiers
{
    /// <summary>The C# this repository already holds, for tests that run over all of it.</summary>
    internal static class TestSources
    {
        private static readonly Regex Markup = new(@"\{\|(#\d+|LAM\d{3}|CS\d{4}):|\|\}|\[\||\|\]");

        /// <summary>
        /// Every C# snippet the rule and fix tests feed the analyzers (their raw string literals, markup
        /// removed): code written to probe the rules' corners.
        /// </summary>
        public static List<string> Snippets()
        {
            var testFiles = Directory.GetFiles(Path.Combine(DotNetCli.RepositoryRoot, "tests", "LambdaAnalyzers.Tests"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(f))
                .OrderBy(f => f, StringComparer.Ordinal);
            var snippets = new List<string>();
            foreach (var file in testFiles)
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)))
                {
                    var text = Markup.Replace(token.ValueText, string.Empty);
                    if (text.Contains("class ", StringComparison.Ordinal) || text.Contains("=>", StringComparison.Ordinal))
                    {
                        snippets.Add(text);
                    }
                }
            }

            return snippets;
        }

        /// <summary>The sample projects' sources, relative to the repository root.</summary>
        public static List<string> SamplePaths()
            => Directory.GetFiles(Path.Combine(DotNetCli.RepositoryRoot, "samples"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(f))
                .Select(f => Path.GetRelativePath(DotNetCli.RepositoryRoot, f))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

        /// <summary>The precision corpus's files (Corpus/README.md).</summary>
        public static List<string> CorpusPaths()
            => Directory.GetFiles(Path.Combine(DotNetCli.RepositoryRoot, "tests", "LambdaAnalyzers.Tests", "Corpus"), "*.cs.txt")
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();

        private static bool IsBuildOutput(string path)
            => path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
               || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
    }
}
