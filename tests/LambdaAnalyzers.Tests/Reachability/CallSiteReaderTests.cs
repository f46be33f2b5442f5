using System.Collections.Generic;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Tests.Samples;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Reachability
{
    /// <summary>
    /// The call-site index reads each declaration's code as text, which costs a build less than walking its
    /// syntax; what it reads must hold everything the syntax says.
    /// </summary>
    public class CallSiteReaderTests
    {
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
                var read = PerInvocationPath.CallSiteReader.Read(tree).Mentions.ToDictionary(m => (m.Key, m.Declaration), m => m.Spellings);
                foreach (var (name, qualifier, declaration) in PerInvocationPath.CallSiteReader.MentionsBySyntax(tree))
                {
                    var where = $"{path}: '{qualifier}.{name}' in the {declaration.Kind()} at {declaration.GetLocation().GetLineSpan().StartLinePosition}";
                    Assert.True(read.TryGetValue((PerInvocationPath.CallSiteReader.KeyOf(name), declaration), out var spellings), where);

                    // A static member's callers are looked for by the word before the dot: the text must say the
                    // syntax's word, or else that it could not tell.
                    var syntaxSpelling = qualifier is null ? System.Array.Empty<ulong>() : new[] { PerInvocationPath.CallSiteReader.KeyOf(qualifier) };
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
            var reader = new PerInvocationPath.CallSiteReader.Reader();
            foreach (var tree in trees.Concat(trees.AsEnumerable().Reverse()))
            {
                var reused = reader.Read(tree);
                var fresh = PerInvocationPath.CallSiteReader.Read(tree);
                Assert.Equal(Entries(fresh), Entries(reused));
                Assert.Equal(fresh.Aliases.ToArray(), reused.Aliases.ToArray());
            }

            static string[] Entries(PerInvocationPath.TreeNames names)
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
    }
}
