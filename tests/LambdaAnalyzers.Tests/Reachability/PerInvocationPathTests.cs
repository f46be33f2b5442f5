using System.Collections.Generic;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Tests.Robustness;
using LambdaAnalyzers.Tests.Samples;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.Tests.Reachability
{
    /// <summary>
    /// The path answers a question from the code asked about outward (callers found by name, then confirmed),
    /// instead of walking from every handler. Its answers, and the chains messages show, must be exactly those
    /// of the whole walk, whatever order the questions come in: checked on all the C# this repository holds.
    /// </summary>
    public class PerInvocationPathTests
    {
        /// <summary>Each way code reaches a member without spelling its name, each the only way to one target.</summary>
        private const string CallShapesFile = "tests/LambdaAnalyzers.Tests/Reachability/CallShapes.cs.txt";

        /// <summary>A bootstrap handler lambda in top-level statements, whose calls sit in no indexed member.</summary>
        private const string CallShapesBootstrapFile = "tests/LambdaAnalyzers.Tests/Reachability/CallShapes.Bootstrap.cs.txt";

        [Fact]
        public void AnswersFromTheCodeOutward_AreThoseOfTheWholeWalk_OnEverySourceWeHave()
        {
            var callShapes = new[] { CallShapesFile, CallShapesBootstrapFile }.Select(f => (Sources: new[] { Read(f) }, IsCallShapes: true));
            var projects = TestSources.Snippets().Select(s => new[] { s })
                .Concat(TestSources.CorpusPaths().Select(p => new[] { File.ReadAllText(p) }))
                .Append(new[] { Read(NoCrashTests.ModernSyntaxFile) })
                .Concat(SampleProjects())
                .Select(sources => (Sources: sources, IsCallShapes: false))
                .Concat(callShapes);

            var reachedMembers = 0;
            var unreachedMembers = 0;
            foreach (var (sources, isCallShapes) in projects)
            {
                var compilation = Compile(sources);
                if (isCallShapes)
                {
                    // The call shapes must compile, or a form could be missing from the walk as well as from the index.
                    Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
                }

                var whole = WholeWalk(compilation);

                // Fresh snapshots of the same code, asked in two different orders; for the call shapes also each
                // member first on its own snapshot, where no earlier answer can have brought its callers in.
                var orders = isCallShapes ? new[] { 1, 2 }.Concat(Enumerable.Range(0, DeclaredMethods(compilation).Count()).Select(i => -1 - i)) : new[] { 1, 2 };
                foreach (var order in orders)
                {
                    var snapshot = compilation.Clone();
                    var lambda = LambdaCompilation.For(snapshot);
                    var members = DeclaredMethods(snapshot).Concat(lambda.Handlers.Select(h => h.Method)).Distinct(SymbolEqualityComparer.Default).Cast<IMethodSymbol>().ToList();
                    var random = new Random(order);
                    var asked = order >= 0 ? members.OrderBy(_ => random.Next()) : members.Skip(-1 - order).Take(1);
                    foreach (var member in asked)
                    {
                        var path = lambda.Path.PathTo(member);
                        if (!whole.ContainsKey(Key(member)))
                        {
                            Assert.True(path is null, $"{Key(member)} is reached when asked ({path?.ViaText}) but not in the whole walk\n{string.Join("\n", sources)}");
                            unreachedMembers++;
                            continue;
                        }

                        Assert.True(path is not null, $"{Key(member)} is reached in the whole walk but not when asked\n{string.Join("\n", sources)}");
                        Assert.Equal(Chain(Key(member), whole), path!.Chain.Select(s => Key((IMethodSymbol)s)).ToList());
                        Assert.Equal(whole[Key(member)].Handler, Key(path.Handler.Method));
                        reachedMembers++;
                    }
                }
            }

            Assert.True(reachedMembers > 400 && unreachedMembers > 500, $"{reachedMembers} reached and {unreachedMembers} unreached members asked about: too few to mean anything");
        }

        /// <summary>
        /// The call shapes file is written so that every member calling <c>Helpers.Mark()</c> runs per invocation:
        /// the whole walk (which the answers are compared with) must reach each, through each form.
        /// </summary>
        [Fact]
        public void EveryCallShape_IsFollowedByTheWalk()
        {
            var compilation = Compile(new[] { Read(CallShapesFile) });
            var reached = LambdaCompilation.For(compilation).Path.WalkEverything().Keys.Select(Key).ToHashSet();
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var markers = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Where(call => call.Expression.ToString() == "Helpers.Mark")
                .Select(call => model.GetEnclosingSymbol(call.SpanStart))
                .OfType<IMethodSymbol>()
                .Select(Key)
                .Distinct()
                .ToList();

            Assert.True(markers.Count >= 20, $"only {markers.Count} members mark themselves: the shapes file changed");
            var unreached = markers.Where(m => !reached.Contains(m)).ToList();
            Assert.True(unreached.Count == 0, "not reached by any handler: " + string.Join(", ", unreached));
        }

        /// <summary>The rules ask from several threads at once, and nothing in the path is computed under a lock.</summary>
        [Fact]
        public void AnswersAskedFromManyThreadsAtOnce_AreThoseOfTheWholeWalk()
        {
            var projects = TestSources.CorpusPaths().Select(p => new[] { File.ReadAllText(p) })
                .Append(new[] { Read(CallShapesFile) })
                .Concat(SampleProjects());
            foreach (var sources in projects)
            {
                var compilation = Compile(sources);
                var whole = WholeWalk(compilation);
                for (var round = 0; round < 5; round++)
                {
                    var snapshot = compilation.Clone();
                    var lambda = LambdaCompilation.For(snapshot);
                    var members = DeclaredMethods(snapshot).ToList();
                    var answers = new System.Collections.Concurrent.ConcurrentBag<(string Member, List<string>? Chain)>();
                    System.Threading.Tasks.Parallel.ForEach(
                        members.Concat(members).Concat(members),
                        new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 },
                        member => answers.Add((Key(member), lambda.Path.PathTo(member)?.Chain.Select(c => Key((IMethodSymbol)c)).ToList())));
                    foreach (var (member, chain) in answers)
                    {
                        Assert.Equal(whole.ContainsKey(member) ? Chain(member, whole) : null, chain);
                    }
                }
            }
        }

        /// <summary>Every member the whole walk reaches, by key: the handler it is reached by and the member before it.</summary>
        private static Dictionary<string, (string Handler, string? Previous)> WholeWalk(Compilation compilation)
            => LambdaCompilation.For(compilation).Path.WalkEverything()
                .ToDictionary(p => Key(p.Key), p => (Handler: Key(p.Value.Handler.Method), Previous: p.Value.Previous is null ? null : Key(p.Value.Previous)));

        /// <summary>Each sample project's sources together.</summary>
        private static IEnumerable<string[]> SampleProjects()
            => TestSources.SamplePaths().GroupBy(p => p.Split(Path.DirectorySeparatorChar)[1]).Select(g => g.Select(Read).ToArray());

        private static string Read(string relativePath) => File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, relativePath));

        private static List<string> Chain(string member, Dictionary<string, (string Handler, string? Previous)> whole)
        {
            var chain = new List<string>();
            for (string? current = member; current is not null; current = whole[current].Previous)
            {
                chain.Insert(0, current);
            }

            return chain;
        }

        /// <summary>Every method, accessor, constructor (declared or implicit), local function and lambda in source.</summary>
        private static IEnumerable<IMethodSymbol> DeclaredMethods(Compilation compilation)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    // A lambda stored in a variable is reached where the variable is invoked.
                    if (node is AnonymousFunctionExpressionSyntax && model.GetSymbolInfo(node).Symbol is IMethodSymbol lambda)
                    {
                        yield return lambda;
                        continue;
                    }

                    switch (model.GetDeclaredSymbol(node))
                    {
                        case IMethodSymbol method:
                            yield return method;
                            break;
                        case IPropertySymbol property:
                            foreach (var accessor in new[] { property.GetMethod, property.SetMethod })
                            {
                                if (accessor is not null)
                                {
                                    yield return accessor;
                                }
                            }

                            break;
                        case INamedTypeSymbol type when node is BaseTypeDeclarationSyntax:
                            foreach (var constructor in type.InstanceConstructors)
                            {
                                yield return constructor;
                            }

                            break;
                    }
                }
            }
        }

        /// <summary>A name for a member that is the same in every snapshot of the same code.</summary>
        private static string Key(IMethodSymbol method)
            => (method.PartialImplementationPart ?? method).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "@" + (method.PartialImplementationPart ?? method).Locations.FirstOrDefault()?.SourceSpan;

        private static CSharpCompilation Compile(string[] sources)
            => CSharpCompilation.Create(
                "Sample",
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"File{i}.cs")),
                TestReferences.Framework.AddRange(TestReferences.Packages),
                new CSharpCompilationOptions(
                    sources.Any(s => s.Contains("LambdaBootstrapBuilder", StringComparison.Ordinal)) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable));
    }
}
