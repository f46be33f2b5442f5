using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.Tests.Meta;
using LambdaAnalyzers.Tests.Samples;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Tests.Robustness
{
    /// <summary>
    /// An analyzer exception (AD0001) is a release blocker, and code fixes must decline rather than throw.
    /// Every analyzer and fix runs over the samples as they are, and over broken copies of them as a user
    /// produces while typing: every prefix at a fixed stride, and seeded random token deletions.
    /// </summary>
    public class NoCrashTests
    {
        /// <summary>
        /// The normal run mangles each file a dozen ways; the long run (documented in docs/performance.md) sets
        /// LAMBDA_ANALYZERS_FUZZ=long for every 7th prefix and 400 seeded deletions per file.
        /// </summary>
        private static readonly bool LongRun = Environment.GetEnvironmentVariable("LAMBDA_ANALYZERS_FUZZ") == "long";
        private static readonly int PrefixStride = LongRun ? 7 : 97;
        private static readonly int DeletionsPerFile = LongRun ? 400 : 12;

        public static TheoryData<string> SampleFiles()
        {
            var data = new TheoryData<string>();
            foreach (var file in TestSources.SamplePaths().Append(ModernSyntaxFile))
            {
                data.Add(file);
            }

            return data;
        }

        /// <summary>Handlers in every form C# 12 and 13 allow around them, kept beside this test.</summary>
        internal const string ModernSyntaxFile = "tests/LambdaAnalyzers.Tests/Robustness/ModernSyntaxHandlers.cs.txt";

        /// <summary>Every C# snippet the rule and fix tests feed the analyzers, run through every analyzer and fix.</summary>
        [Fact]
        public async Task AnalyzersAndFixes_NeverThrow_OnEveryTestSnippet()
        {
            var snippets = TestSources.Snippets();
            foreach (var snippet in snippets)
            {
                await AnalyzeAndFixAsync(snippet);
            }

            Assert.True(snippets.Count > 100, $"only {snippets.Count} snippets found: the scan no longer sees the tests' sources");
        }

        [Theory]
        [MemberData(nameof(SampleFiles))]
        public async Task AnalyzersAndFixes_NeverThrow_OnTruncatedOrMangledCode(string relativePath)
        {
            var source = File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, relativePath));
            var variants = new List<string> { source };
            for (var length = 0; length < source.Length; length += PrefixStride)
            {
                variants.Add(source.Substring(0, length));
            }

            var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().ToList();
            var random = new Random(relativePath.Length);
            for (var i = 0; i < DeletionsPerFile; i++)
            {
                var token = tokens[random.Next(tokens.Count)];
                variants.Add(source.Remove(token.SpanStart, token.Span.Length));
            }

            foreach (var variant in variants)
            {
                await AnalyzeAndFixAsync(variant);
            }
        }

        [Fact]
        public async Task DeploymentFiles_NeverCrashTheAnalyzers_WhateverTheirMutation()
        {
            var template = File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "samples", "Orders.Noncompliant", "template.yaml"));
            var code = File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "samples", "Orders.Noncompliant", "ReceiptHandler.cs"))
                       + File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "samples", "Orders.Noncompliant", "Model.cs")).Replace("namespace Orders;", string.Empty);
            var random = new Random(2026);
            var noise = new[] { "\t", ":", "{", "}", "[", "]", "- ", "!Ref ", "\"", "'", "\n", "  ", "::", "&a", "*a", "|", ">" };
            var variants = new List<string> { template, string.Empty, "   \n", "[", "{\"Resources\": 42}", "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: ::::" };
            for (var length = 0; length < template.Length; length += 53)
            {
                variants.Add(template.Substring(0, length));
            }

            for (var i = 0; i < 150; i++)
            {
                var position = random.Next(template.Length);
                variants.Add(random.Next(2) == 0
                    ? template.Insert(position, noise[random.Next(noise.Length)])
                    : template.Remove(position, Math.Min(random.Next(1, 12), template.Length - position)));
            }

            var compilation = CreateCompilation(new[] { CSharpSyntaxTree.ParseText(code) });
            foreach (var (variant, index) in variants.Select((v, i) => (v, i)))
            {
                var name = (index % 3) switch { 0 => "template.yaml", 1 => "serverless.template", _ => "aws-lambda-tools-defaults.json" };
                var exceptions = new ConcurrentBag<string>();
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/" + name, variant))),
                    onAnalyzerException: (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(Catalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();
                Assert.True(exceptions.IsEmpty, string.Join("\n", exceptions) + "\n--- " + name + " ---\n" + variant);
                Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
                Assert.True(diagnostics.Count(d => d.Id == "LAM400") <= 1, "at most one LAM400 per file");
                Assert.DoesNotContain(diagnostics, d => d.Id == "LAM400" && (d.GetMessage().Contains("Operation is not valid", StringComparison.Ordinal) || d.GetMessage().Contains("(Parameter", StringComparison.Ordinal)));
            }
        }

        /// <summary>
        /// A malformed template switches every template rule off for the file, so the build must show it: one
        /// warning, at the parser's line and column, in the parser's words, and nothing else from the file.
        /// </summary>
        [Fact]
        public async Task MalformedTemplate_GivesExactlyOneWarning_AtTheParsersPosition()
        {
            var code = File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "samples", "Orders.Noncompliant", "ReceiptHandler.cs"))
                       + File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "samples", "Orders.Noncompliant", "Model.cs")).Replace("namespace Orders;", string.Empty);
            var template = """
                Resources:
                  ReceiptFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: Broken::Orders.Missing::Send
                      Environment: { Variables: { DB_PASSWORD: s3cr3t,
                  ReceiptsTopic:
                    Type: AWS::SNS::Topic
                """;
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/template.yaml", template))),
                onAnalyzerException: null,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);

            var diagnostics = await CreateCompilation(new[] { CSharpSyntaxTree.ParseText(code) }).WithAnalyzers(Catalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();

            var fromTemplate = diagnostics.Where(d => d.Location.GetLineSpan().Path == "/project/template.yaml").ToList();
            var unreadable = Assert.Single(fromTemplate);
            Assert.Equal("LAM400", unreadable.Id);
            Assert.Equal(DiagnosticSeverity.Warning, unreadable.Severity);
            Assert.Equal(new LinePosition(6, 2), unreadable.Location.GetLineSpan().StartLinePosition);
            Assert.Contains("found a line indented less than the block that holds the collection (is a '}' or ']' missing?)", unreadable.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ConcurrentAnalysis_GivesTheSameDiagnosticsAsSequential()
        {
            var files = TestSources.SamplePaths().Where(f => f.Contains("Noncompliant", StringComparison.Ordinal)).ToList();
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, f)), path: f)).ToList();
            var compilation = CreateCompilation(trees);

            async Task<string[]> RunAsync(bool concurrent)
            {
                var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(Catalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();
                return diagnostics.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToArray();
            }

            var sequential = await RunAsync(concurrent: false);
            Assert.NotEmpty(sequential);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(sequential, await RunAsync(concurrent: true));
            }
        }

        /// <summary>
        /// In the IDE (and in MSBuildWorkspace) a project reference within the solution is the other project's
        /// source compilation, so its types carry syntax this compilation cannot bind. The path walk once asked
        /// for those trees' models and threw on every handler that built such a type; lambda-review found it.
        /// </summary>
        [Fact]
        public async Task TypesFromAReferencedSourceProject_OnThePath_NeverCrashTheWalk()
        {
            var shared = CSharpCompilation.Create(
                "Shared",
                new[]
                {
                    CSharpSyntaxTree.ParseText("""
                        namespace Shared
                        {
                            public class OrderFormatter
                            {
                                private readonly string _prefix = "order-";
                                public OrderFormatter() { }
                                public string Format(string id) => _prefix + id;
                            }
                        }
                        """),
                },
                TestReferences.Framework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var handler = CSharpSyntaxTree.ParseText("""
                using Amazon.Lambda.Core;
                using Amazon.S3;
                using Shared;

                public class OrderHandler
                {
                    public string Handle(string orderId, ILambdaContext context)
                    {
                        var s3 = new AmazonS3Client();
                        return new OrderFormatter().Format(orderId);
                    }
                }
                """);
            var compilation = CreateCompilation(new[] { handler }).AddReferences(shared.ToMetadataReference());
            Assert.IsAssignableFrom<CompilationReference>(compilation.References.Last());

            var exceptions = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(Catalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();

            Assert.True(exceptions.IsEmpty, string.Join("\n", exceptions));
            Assert.Contains(diagnostics, d => d.Id == "LAM001");
        }

        private static async Task AnalyzeAndFixAsync(string source)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "Sample", "Sample", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                metadataReferences: TestReferences.Framework.AddRange(TestReferences.Packages)));
            var document = workspace.AddDocument(project.Id, "Sample.cs", SourceText.From(source));
            var compilation = (await document.Project.GetCompilationAsync())!;

            var exceptions = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(Catalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();
            Assert.True(exceptions.IsEmpty, string.Join("\n", exceptions) + "\n--- source ---\n" + source);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

            foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource))
            {
                foreach (var fixer in Catalog.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                    foreach (var action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
            }
        }

        private sealed class InMemoryAdditionalText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryAdditionalText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        private static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees)
            => CSharpCompilation.Create(
                "Sample",
                trees,
                TestReferences.Framework.AddRange(TestReferences.Packages),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
