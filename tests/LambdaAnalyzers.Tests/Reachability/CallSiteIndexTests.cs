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
            var shapesPath = "tests/LambdaAnalyzers.Tests/Reachability/CallShapes.cs.txt";
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
                Assert.NotEmpty(whole.DeclarationsMentioning("FreshName"));
                foreach (var name in NamesSpelledIn(snapshot).Append("AliasedService"))
                {
                    Assert.Equal(Described(whole.DeclarationsMentioning(name)), Described(reused.DeclarationsMentioning(name)));
                }
            }
        }

        [Fact]
        public void AnIndexOfMoreMentionsThanOneChunkHolds_FindsEachNamesDeclarations()
        {
            // 600 files of four mentions each: the merged mentions span chunks of 2,048 (kept off the
            // large-object heap), and the name every file calls has a group that crosses chunk boundaries.
            const int files = 600;
            var trees = Enumerable.Range(0, files).Select(i => CSharpSyntaxTree.ParseText(
                $"namespace P{i} {{ public class C{i} {{ public void Own{i}() => Shared(); public void Other{i}() {{ Own{i}(); Shared(); Unique{i % 7}(); }} }} }}",
                path: $"C{i}.cs"));
            var index = new CallSiteIndex(CSharpCompilation.Create("Large", trees), earlier: null);

            static List<string> Names(IEnumerable<SyntaxNode> declarations)
                => declarations.Select(d => ((Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)d).Identifier.ValueText).OrderBy(n => n, System.StringComparer.Ordinal).ToList();

            Assert.Equal(
                Enumerable.Range(0, files).SelectMany(i => new[] { $"Other{i}", $"Own{i}" }).OrderBy(n => n, System.StringComparer.Ordinal),
                Names(index.DeclarationsMentioning("Shared")));
            for (var i = 0; i < files; i++)
            {
                Assert.Equal(new[] { $"Other{i}" }, Names(index.DeclarationsMentioning($"Own{i}")));
            }

            for (var k = 0; k < 7; k++)
            {
                Assert.Equal(
                    Enumerable.Range(0, files).Where(i => i % 7 == k).Select(i => $"Other{i}").OrderBy(n => n, System.StringComparer.Ordinal),
                    Names(index.DeclarationsMentioning($"Unique{k}")));
            }

            Assert.Empty(index.DeclarationsMentioning("Nobody"));
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

        /// <summary>
        /// The index reads code as text, which is quicker than walking its syntax; everything the syntax says
        /// (each simple name and call form, under the declaration holding it) must be among what the text says,
        /// for all the C# of this repository, for code cut off as it is typed, and for the spellings of names
        /// that differ from their value.
        /// </summary>
        [Fact]
        public void ReadingCodeAsText_FindsEveryNameTheSyntaxFinds()
        {
            var sources = TestSources.SamplePaths().Concat(TestSources.CorpusPaths()).Concat(CoreSources())
                .Select(p => (Path: p, Text: File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, p))))
                .Concat(TestSources.Snippets().Select((text, i) => (Path: $"snippet{i}.cs", Text: text)))
                .Append((Path: "Spellings.cs", Text: Spellings))
                .ToList();
            var truncated = sources[0].Text;
            sources.AddRange(Enumerable.Range(1, 40).Select(k => (Path: $"truncated{k}.cs", Text: truncated[..(truncated.Length * k / 41)])));

            var checkedMentions = 0;
            foreach (var (path, text) in sources)
            {
                var tree = CSharpSyntaxTree.ParseText(text, path: path);
                var read = CallSiteReader.Read(tree).Mentions.ToDictionary(m => (m.Key, m.Declaration), m => m.Spellings);
                foreach (var (name, qualifier, declaration) in CallSiteReader.MentionsBySyntax(tree))
                {
                    var where = $"{path}: '{qualifier}.{name}' in the {declaration.Kind()} at {declaration.GetLocation().GetLineSpan().StartLinePosition}";
                    Assert.True(read.TryGetValue((CallSiteReader.KeyOf(name), declaration), out var spellings), where);

                    // A static member's callers are looked for by the word before the dot: the text must say the
                    // syntax's word, or else that it could not tell.
                    var syntaxSpelling = qualifier is null ? System.Array.Empty<ulong>() : new[] { CallSiteReader.KeyOf(qualifier) };
                    Assert.True(spellings.MayBeAloneOrAfter(syntaxSpelling), where + ", qualified");
                    checkedMentions++;
                }
            }

            Assert.True(checkedMentions > 10_000, $"only {checkedMentions} names were compared");
        }

        /// <summary>
        /// A reader keeps its buffers from one tree to the next (a reader per thread reads a project's trees):
        /// nothing of a tree it read before may show in the next one, large before small or small before large.
        /// </summary>
        [Fact]
        public void OneReaderReadingTreeAfterTree_ReadsEachAsAFreshReaderDoes()
        {
            var trees = TestSources.SamplePaths().Concat(CoreSources())
                .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, p)), path: p))
                .Concat(TestSources.Snippets().Select((text, i) => CSharpSyntaxTree.ParseText(text, path: $"snippet{i}.cs")))
                .ToList();
            var reader = new CallSiteReader.Reader();
            foreach (var tree in trees.Concat(trees.AsEnumerable().Reverse()))
            {
                var reused = reader.Read(tree);
                var fresh = CallSiteReader.Read(tree);
                Assert.Equal(Entries(fresh), Entries(reused));
                Assert.Equal(fresh.Aliases.ToArray(), reused.Aliases.ToArray());
            }

            static string[] Entries(TreeNames names)
                => Enumerable.Range(0, names.Count).Select(i => (names.KeyAt(i), names.MentionAt(i)))
                    .Select(m => $"{m.Item1} {m.Item2.Declaration.Span} {m.Item2.Spellings.MayBeAloneOrAfter(System.Array.Empty<ulong>())}").ToArray();
        }

        // Names spelled otherwise than their value, and call forms split by comments and line breaks.
        private const string Spellings = """"
            using System.Collections.Generic;
            using System.Linq;
            class @Escaped : Base /* the base */ ( 1 )
            {
                List<int> Items { get; } = new();
                public @Escaped() : base  /* then */
                    (2) { }
                public @Escaped(int x) : this // a comment
                    () { }
                int Tricky() => \u0041bc() + @class() + Ab\u0063() + Ze\u200Bro() + Zer\u200Bo() + 1.GetHashCode() + Escaped // not the qualifier
                    .Static() + Escaped . Static() + global::Escaped.Static() + @Escaped.@Static() + \u0045scaped.Static() + string.Empty.Length;
                static int Static() => 0;
                int Abc() => 0;
                int @class() => 0;
                int Zero() => 0;
                object Query(int[] xs) => /* c */ from /* c */ x in xs where x > 0 select x;
                object Nested() => new Holder { Values = /* c */ { 1, 2 } };
                object Target() => new /* c */ ();
                string Text(int n) => $@"{Abc()}" + @$"{Zero()}" + $$"""{{n}}""" + $"{this[n]}";
                int this[int i] => i;
                Holder Bracket(Holder h) => h?[0]!;
            }
            class Base { public Base(int x) { } }
            class Holder { public List<int> Values { get; } = new(); public Holder this[int i] => this; }
            """";

        private static IEnumerable<string> CoreSources()
            => Directory.GetFiles(Path.Combine(DotNetCli.RepositoryRoot, "src", "LambdaAnalyzers"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", System.StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(DotNetCli.RepositoryRoot, f))
                .OrderBy(f => f, System.StringComparer.Ordinal);

        /// <summary>Every identifier of a compilation's trees, and the call forms' pseudo-names.</summary>
        private static IEnumerable<string> NamesSpelledIn(Compilation compilation)
            => compilation.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantTokens()).Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText)
                .Concat(new[] { CallSiteIndex.ImplicitConstruction, CallSiteIndex.ElementAccess, CallSiteIndex.Interpolation, "Add", "Select" })
                .Distinct();

        private static List<string> Described(IEnumerable<SyntaxNode> declarations)
            => declarations.Select(d => $"{d.SyntaxTree.FilePath}:{d.Span}").OrderBy(d => d, System.StringComparer.Ordinal).ToList();

        private static string Read(string relativePath) => File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, relativePath));
    }
}
