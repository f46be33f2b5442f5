using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Verifiers
{
    /// <summary>Thin wrappers over Microsoft.CodeAnalysis.Testing, set up for Lambda projects.</summary>
    public static class LambdaVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        /// <summary>Analyzes <paramref name="source"/> (markup marks the expected diagnostics) in a Lambda project.</summary>
        public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new AnalyzerTest { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The same code in a project that references no Lambda package: nothing may be reported.</summary>
        public static Task VerifyWithoutLambdaReferencesAsync(string source)
        {
            var test = new AnalyzerTest(withLambda: false) { TestCode = source };
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// The code in a project that references the AWS SDK and the other packages the rules know, but no
        /// Amazon.Lambda package: nothing may be reported. <paramref name="sdkStandIns"/> names stand-in files
        /// (<c>AwsSdkLambda.cs</c>) whose SDK types the code uses; they are compiled with it, as the stand-in
        /// assembly also holds the Lambda packages.
        /// </summary>
        public static Task VerifyWithoutLambdaPackageAsync(string source, params string[] sdkStandIns)
        {
            var test = AnalyzerTest.WithoutLambdaPackage(sdkStandIns);
            test.TestCode = source;
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public AnalyzerTest(bool withLambda = true) => LambdaTestSetup.Configure(this, withLambda);

            private AnalyzerTest(string[] sdkStandIns) => LambdaTestSetup.ConfigureWithoutLambdaPackage(this, sdkStandIns);

            /// <summary>A project with the SDK and the other known packages but no Amazon.Lambda package (see <see cref="VerifyWithoutLambdaPackageAsync"/>).</summary>
            public static AnalyzerTest WithoutLambdaPackage(params string[] sdkStandIns) => new(sdkStandIns);
        }
    }

    public static class LambdaVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        /// <summary>Applies the fix to each diagnostic, then Fix All, and checks both give <paramref name="fixedSource"/>.</summary>
        public static Task VerifyFixAsync(string source, string fixedSource, int? iterations = null)
        {
            var test = new CodeFixTest { TestCode = source, FixedCode = fixedSource };
            if (iterations is { } n)
            {
                test.NumberOfFixAllIterations = 1;
                test.NumberOfIncrementalIterations = n;
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The diagnostics are reported but no fix is offered (the fixed state equals the source).</summary>
        public static Task VerifyNoFixAsync(string source)
        {
            var test = new CodeFixTest { TestCode = source, FixedCode = source };
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class CodeFixTest : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            public CodeFixTest(bool withLambda = true)
            {
                LambdaTestSetup.Configure(this, withLambda);

                // Markup in the fixed code marks the diagnostics that must remain after the fix.
                FixedState.MarkupHandling = MarkupMode.Allow;
            }
        }
    }

    internal static class LambdaTestSetup
    {
        public static void Configure(AnalyzerTest<DefaultVerifier> test, bool withLambda)
        {
            test.ReferenceAssemblies = TestReferences.None;
            test.TestState.AdditionalReferences.AddRange(TestReferences.Framework);
            if (withLambda)
            {
                test.TestState.AdditionalReferences.AddRange(TestReferences.Packages);
            }
        }

        public static void ConfigureWithoutLambdaPackage(AnalyzerTest<DefaultVerifier> test, string[] sdkStandIns)
        {
            test.ReferenceAssemblies = TestReferences.None;
            test.TestState.AdditionalReferences.AddRange(TestReferences.Framework);
            test.TestState.AdditionalReferences.AddRange(TestReferences.PackagesWithoutLambda);
            foreach (var file in sdkStandIns)
            {
                test.TestState.Sources.Add(($"/StandIns/{file}", TestReferences.StandInSource(file)));
            }
        }
    }
}
