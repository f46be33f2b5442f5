using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Cli.Loading
{
    /// <summary>
    /// A test project, the way `dotnet test` knows one: its project file sets <c>IsTestProject</c> or references
    /// Microsoft.NET.Test.Sdk (whose props set it), or it compiles against a test framework (xUnit, NUnit,
    /// MSTest, TUnit). An explicit <c>IsTestProject</c> wins either way.
    /// </summary>
    internal static class TestProjects
    {
        private static readonly Regex IsTestProjectProperty = new(@"<IsTestProject>\s*(true|false)\s*</IsTestProject>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public static bool IsTestProject(Project project)
        {
            if (project.FilePath is { } file && File.Exists(file)
                && File.ReadAllText(file) is var text)
            {
                if (IsTestProjectProperty.Match(text) is { Success: true } property)
                {
                    return string.Equals(property.Groups[1].Value, "true", StringComparison.OrdinalIgnoreCase);
                }

                if (text.Contains("\"Microsoft.NET.Test.Sdk\"", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return project.MetadataReferences.OfType<PortableExecutableReference>().Any(r => r.FilePath is { } path && IsTestFramework(path));
        }

        /// <summary>Whether a referenced assembly is a test framework's: the same list the analyzers skip LAM101/LAM102 by.</summary>
        public static bool IsTestFramework(string referencePath)
            => LambdaAnalyzers.TestProjects.IsTestFramework(Path.GetFileNameWithoutExtension(referencePath));
    }
}
