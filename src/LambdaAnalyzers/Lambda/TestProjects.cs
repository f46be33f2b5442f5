using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Whether a project is a test project, whose fixtures are fakes: LAM101 and LAM102 stay out of it unless
    /// <c>lambda_analyzers.include_test_projects = true</c>. A test project says so through MSBuild's
    /// <c>IsTestProject</c> (the test SDKs set it; the package's props make the compiler see it), or shows
    /// it by referencing a test framework.
    /// </summary>
    internal sealed class TestProjects
    {
        public const string IncludeOption = "include_test_projects";
        public const string IsTestProjectProperty = "build_property.IsTestProject";

        private static readonly TestProjects NotATestProject = new(null);

        private readonly AnalyzerOptions? _options;
        private readonly ConcurrentDictionary<SyntaxTree, bool> _included = new();

        private TestProjects(AnalyzerOptions? options) => _options = options;

        /// <summary>The scope of a compilation: every tree, or in a test project only those the option includes.</summary>
        public static TestProjects For(Compilation compilation, AnalyzerOptions options)
            => IsTestProject(compilation, options) ? new TestProjects(options) : NotATestProject;

        /// <summary>Whether the rule looks at code of this tree.</summary>
        public bool Includes(SyntaxTree tree)
            => _options is null || _included.GetOrAdd(tree, t => _options.GetBool(t, IncludeOption, defaultValue: GlobalInclude(_options)));

        private static bool GlobalInclude(AnalyzerOptions options)
            => options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(AnalyzerOptionsExtensions.Prefix + IncludeOption, out var text)
               && bool.TryParse(text.Trim(), out var include)
               && include;

        public static bool IsTestProject(Compilation compilation, AnalyzerOptions options)
        {
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(IsTestProjectProperty, out var value)
                && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (var assembly in compilation.ReferencedAssemblyNames)
            {
                if (IsTestFramework(assembly.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// xunit (v2: xunit.core, xunit.assert; v3: xunit.v3.*), NUnit (nunit.framework), MSTest
        /// (Microsoft.VisualStudio.TestPlatform.TestFramework), TUnit (TUnit.Core). Not xunit.abstractions, which
        /// libraries that extend xunit reference without being test projects.
        /// </summary>
        public static bool IsTestFramework(string assemblyName)
            => string.Equals(assemblyName, "xunit.core", StringComparison.OrdinalIgnoreCase)
               || string.Equals(assemblyName, "xunit.assert", StringComparison.OrdinalIgnoreCase)
               || assemblyName.StartsWith("xunit.v3.", StringComparison.OrdinalIgnoreCase)
               || string.Equals(assemblyName, "nunit.framework", StringComparison.OrdinalIgnoreCase)
               || assemblyName.StartsWith("Microsoft.VisualStudio.TestPlatform.TestFramework", StringComparison.Ordinal)
               || assemblyName.StartsWith("MSTest.", StringComparison.Ordinal)
               || string.Equals(assemblyName, "TUnit.Core", StringComparison.OrdinalIgnoreCase);
    }
}
