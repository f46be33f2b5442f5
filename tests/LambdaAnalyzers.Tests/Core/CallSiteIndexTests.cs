using System.Collections.Generic;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Tests.Samples;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Core
{
    /// <summary>
    /// A keystroke's compilation shares every tree but the edited one, so its call-site index starts from the
    /// earlier compilation's merged names, without the trees it lacks, plus its own new ones. What it says
    /// must be what merging every tree afresh says.
    /// </summary>
    public class CallSiteIndexTests
    {
        [Fact]
        public void ASnapshotStartedFromAnEarlierIndex_SaysWhatAWholeMergeSays()
        {
            var shapesPath = "tests/LambdaAnalyzers.Tests/Core/CallShapes.cs.txt";
            var shapes = CSharpSyntaxTree.ParseText(Read(shapesPath), path: shapesPath);
            var others = TestSources.SamplePaths().Select(p => CSharpSyntaxTree.ParseText(Read(p), path: p))
                .Concat(TestSources.CorpusPaths().Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), path: p)))
                .ToList();
            var original = CSharpCompilation.Create("Project", others.Prepend(shapes));
            var earlier = new CallSiteIndex(original, earlier: null);

            // The edit drops the file's using alias (and its use) and calls a name nothing called before; the
            // added file spells the dropped alias as a name of its own, which must not count as AliasedService.
            var editedText = shapes.GetText().ToString()
                .Replace("using Svc = Shapes.AliasedService;", string.Empty, System.StringComparison.Ordinal)
                .Replace("new Svc()", "new AliasedService()", System.StringComparison.Ordinal)
                + "\nnamespace Shapes { public class Edited { public void Touch() => FreshName(); public void FreshName() { } } }\n";
            var edited = original.ReplaceSyntaxTree(shapes, CSharpSyntaxTree.ParseText(editedText, path: shapesPath));
            var added = edited.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shapes { public class Added { public void M() => Helpers.Mark(); public void N() => Svc(); public void Svc() { } } }", path: "Added.cs"));
            var removed = added.RemoveSyntaxTrees(others[0]);

            foreach (var snapshot in new[] { edited, added, removed })
            {
                var reused = new CallSiteIndex(snapshot, earlier);
                var whole = new CallSiteIndex(snapshot, earlier: null);

                Assert.True(reused.StartedFromEarlier);
                Assert.Contains("FreshName", whole.Names);
                foreach (var name in whole.Names.Union(reused.Names).Append("AliasedService"))
                {
                    Assert.Equal(Described(whole.DeclarationsMentioning(name)), Described(reused.DeclarationsMentioning(name)));
                }
            }
        }

        [Fact]
        public void ACompilationFarFromTheEarlierOne_IsMergedWhole()
        {
            var trees = TestSources.SamplePaths().Select(p => CSharpSyntaxTree.ParseText(Read(p), path: p)).ToList();
            var earlier = new CallSiteIndex(CSharpCompilation.Create("Project", trees.Take(1)), earlier: null);

            var index = new CallSiteIndex(CSharpCompilation.Create("Project", trees), earlier);

            Assert.True(trees.Count > 9, "the samples are many more files than a keystroke changes");
            Assert.False(index.StartedFromEarlier);
        }

        private static List<string> Described(IEnumerable<SyntaxNode> declarations)
            => declarations.Select(d => $"{d.SyntaxTree.FilePath}:{d.Span}").OrderBy(d => d, System.StringComparer.Ordinal).ToList();

        private static string Read(string relativePath) => File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, relativePath));
    }
}
