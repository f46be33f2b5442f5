using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// What the analyzers cost on a large synthetic Lambda project: compile time alone, the time of all
/// LambdaAnalyzers analyzers (per analyzer, from the driver's own execution-time log), the same for a peer
/// analyzer package, growth from 500 to 4,000 handlers, and the per-document (IDE keystroke) cost.
/// </summary>
public static class AnalyzerCost
{
    /// <summary>Each analyzer alone, on a fresh compilation bound first: where the time goes.</summary>
    public static void Each(int handlers)
    {
        foreach (var analyzer in Ours())
        {
            var measurement = Analyze(SyntheticProject.Create(handlers), ImmutableArray.Create(analyzer));
            Console.WriteLine($"  {analyzer.GetType().Name,-42} {measurement.Wall.TotalMilliseconds,8:N0} ms {measurement.Diagnostics,6} diagnostics {measurement.Allocated / 1024 / 1024,6:N0} MB");
        }
    }

    /// <summary>
    /// Per handler count: compile time alone (the compiler's own diagnostics on a fresh compilation), then the
    /// execution time the analyzer driver logs for each analyzer (<c>logAnalyzerExecutionTime</c>), summed per
    /// package, for LambdaAnalyzers and for the peer on the same compilation in the same process.
    /// </summary>
    public static void Run(int[] handlerCounts)
    {
        var lambdaAnalyzers = Ours();
        var peerPath = typeof(AnalyzerCost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PeerAnalyzerPath").Value!;
        var peerAnalyzers = new AnalyzerFileReference(peerPath, new Loader()).GetAnalyzers(LanguageNames.CSharp);

        // Warm up the compiler, both packages and the driver until the JIT has (nearly) nothing left to compile
        // and neither package's code is promoted any more, so that no size is charged for it: a build compiles
        // in the long-running build server (VBCSCompiler), whose hot code is long since at tier 1.
        // The JIT's events are listened to during the warm-up only: a listener's dispatch thread would run
        // beside the timed runs.
        var warmUpRounds = new List<CompiledMethods>();
        using (var jit = new JitWatch())
        {
            while (warmUpRounds.Count < 2 || (!warmUpRounds[^1].Settled && warmUpRounds.Count < MaxWarmUpRounds))
            {
                CompilerDiagnostics(SyntheticProject.Create(500));
                CompileToAssembly(SyntheticProject.Create(500));
                Analyze(SyntheticProject.Create(500), lambdaAnalyzers);
                Analyze(SyntheticProject.Create(500), peerAnalyzers);
                warmUpRounds.Add(jit.Take());
            }
        }

        var jittedBefore = System.Runtime.JitInfo.GetCompiledMethodCount();

        Console.WriteLine("| handlers | lines | compile: diagnostics / to an assembly | LambdaAnalyzers (% of diagnostics / of assembly) | per handler | Meziantou.Analyzer (% of diagnostics / of assembly) | mean per analyzer, ours / peer | allocated per handler: the analysis with ours / ours over a do-nothing analyzer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Measurement? lastOurs = null;
        var spreads = new List<string>();
        foreach (var handlers in handlerCounts)
        {
            var lines = SyntheticProject.Create(handlers).SyntaxTrees.Sum(t => t.GetText().Lines.Count);

            // The compiler alone, two ways: its diagnostics (binding every body: the least a build's compile
            // does) and a whole compile to an assembly with its PDB, as a build's compile step produces.
            var diagnosticsRuns = Times(handlers, CompilerDiagnostics);
            var assemblyRuns = Times(handlers, CompileToAssembly);
            var (diagnostics, assembly) = (diagnosticsRuns.Min(), assemblyRuns.Min());

            var oursRuns = Runs(handlers, lambdaAnalyzers);
            var peerRuns = Runs(handlers, peerAnalyzers);
            var (ours, peer) = (Best(oursRuns), Best(peerRuns));

            // What we allocate ourselves: the analysis with our analyzers against the same analysis with one
            // that registers for every operation and does nothing (the driver and the compiler's binding).
            var floor = Runs(handlers, ImmutableArray.Create(DoNothing()), count: 1)[0];
            var oursAllocated = Median(oursRuns.Select(r => (double)r.Allocated).ToList());
            spreads.Add($"{handlers:N0} handlers: compile, diagnostics {Join(diagnosticsRuns)} ms, to an assembly {Join(assemblyRuns)} ms; LambdaAnalyzers {WithPauses(oursRuns)}; Meziantou.Analyzer {WithPauses(peerRuns)}; medians: ours {Median(oursRuns.Select(Total).ToList()) / Median(diagnosticsRuns):P1} of diagnostics, {Median(oursRuns.Select(Total).ToList()) / Median(assemblyRuns):P1} of assembly");
            var (oursTotal, peerTotal) = (Total(ours), Total(peer));
            var oursMean = oursTotal / lambdaAnalyzers.Length;
            var peerMean = peerTotal / peerAnalyzers.Length;
            Console.WriteLine($"| {handlers:N0} | {lines:N0} | {diagnostics:N0} / {assembly:N0} ms | {oursTotal:N0} ms ({oursTotal / diagnostics:P1} / {oursTotal / assembly:P1}) | {oursTotal / handlers:N3} ms | {peerTotal:N0} ms ({peerTotal / diagnostics:P1} / {peerTotal / assembly:P1}) | {oursMean:N1} / {peerMean:N1} ms (ratio {oursMean / peerMean:N2}) | {oursAllocated / handlers / 1024.0:N1} / {(oursAllocated - floor.Allocated) / handlers / 1024.0:N1} KB |");
            lastOurs = ours;
        }

        Console.WriteLine();
        Console.WriteLine($"Methods the JIT compiled (all, of them LambdaAnalyzers' / the peer's): per warm-up round (500 handlers, the compiler both ways and both packages) {string.Join("; ", warmUpRounds.Select(r => $"{r.All:N0} ({r.Ours} / {r.Peer})"))}; during all the timed runs {System.Runtime.JitInfo.GetCompiledMethodCount() - jittedBefore:N0}.");
        Console.WriteLine($"Every run's logged total ({Repetitions} per package and size; the table has the least):");
        spreads.ForEach(line => Console.WriteLine("  " + line));
        Console.WriteLine();
        Console.WriteLine($"Per analyzer at {handlerCounts[^1]:N0} handlers (driver-logged execution time):");
        foreach (var (name, time) in lastOurs!.PerAnalyzer.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"  {name,-42} {time.TotalMilliseconds,8:N1} ms");
        }

        DocumentCost(lambdaAnalyzers);
    }

    private const int MaxWarmUpRounds = 30;

    private static ImmutableArray<DiagnosticAnalyzer> Ours() => LambdaAnalyzers.ShippedAnalyzers.Create();

    internal static DiagnosticAnalyzer DoNothing() => new EveryOperationAnalyzer();

    /// <summary>As many do-nothing analyzers as asked, registered for the operations ours use: the driver's dispatch alone.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> DispatchOnly(int count)
        => Enumerable.Range(0, count).Select(i => (DiagnosticAnalyzer)new DispatchOnlyAnalyzer(i)).ToImmutableArray();

    internal static void AnalyzeOnce(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers) => Analyze(compilation, analyzers, logExecutionTime: false);

    /// <summary>The compiler's own diagnostics: binding every body, the least a build's compile step does.</summary>
    private static readonly Action<CSharpCompilation> CompilerDiagnostics = compilation => compilation.GetDiagnostics();

    /// <summary>A compile to an assembly with its PDB, as a build's compile step produces; a failed one would time nothing real.</summary>
    private static readonly Action<CSharpCompilation> CompileToAssembly = compilation =>
    {
        var emitted = compilation.Emit(new MemoryStream(), pdbStream: new MemoryStream());
        if (!emitted.Success)
        {
            throw new InvalidOperationException("the synthetic project does not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
        }
    };

    /// <summary>The compiler alone, both ways, <see cref="Repetitions"/> times (`compile N`).</summary>
    public static void CompileOnly(int handlers)
    {
        for (var run = 0; run < Repetitions; run++)
        {
            Console.WriteLine($"diagnostics {TimeOnFresh(handlers, CompilerDiagnostics):N0} ms, to an assembly with its PDB {TimeOnFresh(handlers, CompileToAssembly):N0} ms");
        }
    }

    /// <summary>
    /// How many times each package and the compiler are timed per size; the table has the least of each. On
    /// this 2-core machine one run in three or four pays a pause of a few hundred milliseconds that another
    /// run of the same code does not.
    /// </summary>
    private const int Repetitions = 7;

    /// <summary><see cref="Repetitions"/> timings of <paramref name="compile"/>, each on a fresh compilation, in milliseconds.</summary>
    private static List<double> Times(int handlers, Action<CSharpCompilation> compile)
        => Enumerable.Range(0, Repetitions).Select(_ => TimeOnFresh(handlers, compile)).ToList();

    /// <summary>Each run's logged total with the collector's pauses during it and the thread pool's size after it (part of how long our callbacks wait for a core).</summary>
    private static string WithPauses(List<Measurement> runs)
        => string.Join(", ", runs.Select(r => $"{Milliseconds(Total(r))} (GC {Milliseconds(r.GcPause.TotalMilliseconds)}, {r.PoolThreads} threads)")) + " ms";

    private static string Join(IEnumerable<double> times) => string.Join(", ", times.Select(Milliseconds));

    private static string Milliseconds(double time) => time.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static double TimeOnFresh(int handlers, Action<CSharpCompilation> compile)
    {
        var compilation = SyntheticProject.Create(handlers);
        Settle();
        var watch = Stopwatch.StartNew();
        compile(compilation);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>A package on <paramref name="count"/> fresh compilations of the project, each after <see cref="Settle"/>.</summary>
    private static List<Measurement> Runs(int handlers, ImmutableArray<DiagnosticAnalyzer> analyzers, int count = Repetitions)
        => Enumerable.Range(0, count).Select(_ =>
        {
            var compilation = AsCscHandsItToAnalyzers(handlers);
            Settle();
            return Analyze(compilation, analyzers);
        }).ToList();

    private static Measurement Best(List<Measurement> runs) => runs.OrderBy(Total).First();

    private static double Total(Measurement measurement) => measurement.PerAnalyzer.Values.Sum(t => t.TotalMilliseconds);

    /// <summary>
    /// A fresh compilation of the project as csc hands it to analyzers: csc reports the parse and declaration
    /// diagnostics before it starts the analyzer driver, so by the first compilation-start action the
    /// references are bound and every declaration is declared (an analyzer reading the compilation's private
    /// state at its start in a real `dotnet build` finds them done). A fresh <c>CSharpCompilation</c> has done
    /// neither, and its first analyzer to ask for a type would be charged for binding the references.
    /// </summary>
    private static CSharpCompilation AsCscHandsItToAnalyzers(int handlers)
    {
        var compilation = SyntheticProject.Create(handlers);
        compilation.GetDeclarationDiagnostics();
        return compilation;
    }

    /// <summary>
    /// Collects the garbage of earlier runs before a timed one, for the compiler and both packages alike: a
    /// full collection falling inside a run would be charged to whatever was running then.
    /// </summary>
    internal static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <param name="PoolThreads">The thread pool's size after the analysis: more threads than cores, more of our callbacks' time spent waiting for one.</param>
    private sealed record Measurement(TimeSpan Wall, Dictionary<string, TimeSpan> PerAnalyzer, int Diagnostics, long Allocated, TimeSpan GcPause, int PoolThreads);

    private static Measurement Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool logExecutionTime = true, bool prebound = false)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var withAnalyzers = compilation.WithAnalyzers(prebound ? analyzers.Add(new BodyBinder()) : analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: !Sequential, logAnalyzerExecutionTime: logExecutionTime));
        var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).Result;
        watch.Stop();
        var diagnostics = result.GetAllDiagnostics();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var perAnalyzer = analyzers.Select((a, i) => (a, i)).ToDictionary(p => analyzers.Count(b => b.GetType() == p.a.GetType()) > 1 ? $"{p.a.GetType().Name}{p.i}" : p.a.GetType().Name, p => logExecutionTime ? result.AnalyzerTelemetryInfo[p.a].ExecutionTime : TimeSpan.Zero);
        return new Measurement(watch.Elapsed, perAnalyzer, diagnostics.Count(d => d.Id.StartsWith("LAM", StringComparison.Ordinal) || d.Id.StartsWith("MA", StringComparison.Ordinal)), allocated, GC.GetTotalPauseDuration() - pausedBefore, ThreadPool.ThreadCount);
    }

    /// <summary>
    /// Binds every member body, before any rule's callback runs (compilation-start actions run first), through
    /// the models the analyzer driver then uses: what the driver does anyway before it runs operation actions
    /// on a body. A rule whose question needs another member's code bound (a helper's callers) binds it itself
    /// when it asks before the driver got there, and the driver logs that binding as the rule's time; beside
    /// this analyzer, whose own time is logged apart, what the rules log is their own work.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class BodyBinder : DiagnosticAnalyzer
    {
        // The driver skips an analyzer that can report nothing.
        private static readonly DiagnosticDescriptor Never = new("BENCH002", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => BindEveryBody(start.Compilation));
        }
    }

    /// <summary>Binds the code of every member (methods, accessors, expression-bodied properties, initializers) through the compilation's models.</summary>
    private static void BindEveryBody(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var member in tree.GetRoot().DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax } or EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax or PropertyDeclarationSyntax }))
            {
                _ = model.GetOperation(member);
            }
        }
    }

    /// <summary>The shared facts a fresh snapshot computes before any rule can answer for one document.</summary>
    public static void IdeBreakdown()
    {
        for (var run = 0; run < 3; run++)
        {
            var compilation = SyntheticProject.Create(200, largeFileLines: 1000);
            var tree = compilation.SyntaxTrees.Last();
            compilation.GetSemanticModel(tree).GetDiagnostics();
            var watch = Stopwatch.StartNew();
            var lambda = LambdaAnalyzers.LambdaCompilation.For(compilation);
            var handlers = lambda.Handlers.Length;
            var afterHandlers = watch.Elapsed.TotalMilliseconds;

            // The large file's first step, as the IDE asks for it; then a method no handler reaches, which walks everything.
            var step = compilation.GetTypeByMetadataName("App.Large.LargeHandler")!.GetMembers("Step0").OfType<IMethodSymbol>().Single();
            _ = lambda.PathTo(step)?.Handler;
            var afterQuery = watch.Elapsed.TotalMilliseconds;
            var unreached = compilation.GetTypeByMetadataName("App.M0.Calculator0")!.GetMembers("Total").OfType<IMethodSymbol>().Single();
            _ = lambda.PathTo(unreached)?.Handler;
            var afterAll = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"  run {run}: {handlers} handlers found in {afterHandlers:N1} ms; the large file's methods reached in {afterQuery - afterHandlers:N1} ms; the whole walk {afterAll - afterHandlers:N1} ms");
        }

        DocumentCost(Ours());

        // The same shared facts on a keystroke: a new snapshot that shares every tree but the edited one.
        var before = SyntheticProject.Create(200, largeFileLines: 1000);
        _ = LambdaAnalyzers.LambdaCompilation.For(before).PathTo(before.GetTypeByMetadataName("App.Large.LargeHandler")!.GetMembers("Step0").OfType<IMethodSymbol>().Single())?.Handler;
        for (var edit = 0; edit < 3; edit++)
        {
            var large = before.SyntaxTrees.Last();
            var (after, _) = Keystroke(before, edit);
            after.GetSemanticModel(after.SyntaxTrees.Last()).GetDiagnostics();
            var watch = Stopwatch.StartNew();
            var lambda = LambdaAnalyzers.LambdaCompilation.For(after);
            var steps = after.GetTypeByMetadataName("App.Large.LargeHandler")!.GetMembers().OfType<IMethodSymbol>().ToList();
            _ = lambda.PathTo(steps[0])?.Handler;
            var afterFirst = watch.Elapsed.TotalMilliseconds;
            foreach (var step in steps)
            {
                _ = lambda.PathTo(step)?.Handler;
            }

            Console.WriteLine($"  keystroke {edit}: the first question about the file {afterFirst:N1} ms; all {steps.Count} methods of the file {watch.Elapsed.TotalMilliseconds - afterFirst:N1} ms more");
            before = after;
        }

        // What binding every member body of the same project costs on its own, for comparison with the path.
        var fresh = SyntheticProject.Create(1000);
        var bind = Stopwatch.StartNew();
        BindEveryBody(fresh);
        Console.WriteLine($"  binding every member body of a 1,000-handler project: {bind.Elapsed.TotalMilliseconds:N0} ms");
        var again = SyntheticProject.Create(1000);
        var walk = Stopwatch.StartNew();
        var lambda1000 = LambdaAnalyzers.LambdaCompilation.For(again);
        _ = lambda1000.Handlers;
        var handlersMs = walk.Elapsed.TotalMilliseconds;
        _ = lambda1000.PathTo(again.GetTypeByMetadataName("App.M0.Calculator0")!.GetMembers("Total").OfType<IMethodSymbol>().Single())?.Handler;
        Console.WriteLine($"  1,000-handler project: handlers {handlersMs:N0} ms, the whole walk {walk.Elapsed.TotalMilliseconds - handlersMs:N0} ms");
    }

    /// <summary>
    /// The IDE path: one large handler file analyzed on its own. A fresh project shows the cold cost; a
    /// keystroke is a new compilation in which only the edited tree is new (the IDE reuses the others), after
    /// the previous snapshot was analyzed.
    /// </summary>
    private static void DocumentCost(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var cold = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var compilation = SyntheticProject.Create(200, largeFileLines: 1000);
            cold.Add(AnalyzeDocument(compilation, compilation.SyntaxTrees.Last(), analyzers));
        }

        var perAnalyzer = new Dictionary<string, List<double>>();
        List<double> Keystrokes(ImmutableArray<DiagnosticAnalyzer> measured)
        {
            var times = new List<double>();
            var snapshot = SyntheticProject.Create(200, largeFileLines: 1000);
            AnalyzeDocument(snapshot, snapshot.SyntaxTrees.Last(), measured);
            // The IDE is a long-running process: the first 40 keystrokes warm the JIT's optimized code and are not counted.
            for (var edit = 0; edit < 60; edit++)
            {
                (snapshot, var edited) = Keystroke(snapshot, edit);
                var time = AnalyzeDocument(snapshot, edited, measured, edit < 40 ? null : perAnalyzer);
                if (edit >= 40)
                {
                    times.Add(time);
                }
            }

            return times;
        }

        // What the driver costs on its own for the document: one analyzer that asks for every operation and does nothing.
        var floor = Keystrokes(ImmutableArray.Create<DiagnosticAnalyzer>(new EveryOperationAnalyzer()));
        Console.WriteLine($"  a keystroke with one do-nothing analyzer over every operation (the driver's own cost): median {Median(floor):N1} ms");
        // The driver's cost for as many analyzers, registered like ours and doing nothing.
        var dispatch = Keystrokes(DispatchOnly(analyzers.Length));
        Console.WriteLine($"  a keystroke with {analyzers.Length} do-nothing analyzers registered like ours: median {Median(dispatch):N1} ms");
        perAnalyzer.Clear();
        var keystrokes = Keystrokes(analyzers);
        var ours = perAnalyzer.ToDictionary(p => p.Key, p => Median(p.Value));
        Console.WriteLine($"  a keystroke, driver-logged median per analyzer: all {ours.Values.Sum():N1} ms; " + string.Join(", ", ours.OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value:N1} ms")));

        Console.WriteLine($"  one 1,000-line handler file (IDE path, 200-handler project): fresh project median {Median(cold):N1} ms (first {cold[0]:N1} ms); after a keystroke median {Median(keystrokes):N1} ms over {keystrokes.Count} edits (max {keystrokes.Max():N1} ms)");
    }

    /// <summary>Every analyzer over a fresh project, three times.</summary>
    /// <summary>Analyze on one thread (`build N sequential`): no waiting on other rules in the logged times, for comparing two versions.</summary>
    public static bool Sequential { get; set; }

    public static void BuildOnly(int handlers, int runs, bool mirror = false, bool pauses = false, bool prebound = false)
    {
        var (timedRules, timed) = pauses ? CallbackPauses.Of(Ours()) : (default, null);
        var analyzers = mirror ? RegistrationMirror.Of(Ours()) : timed is not null ? timedRules : Ours();
        var inPauses = new List<(double Wall, double Paused)>();
        var logged = new List<double>();
        var perAnalyzer = new Dictionary<string, List<double>>();
        for (var run = 0; run < runs; run++)
        {
            var compilation = AsCscHandsItToAnalyzers(handlers);
            Settle();
            var collections = GC.CollectionCount(2);
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            timed?.StartClock();
            var measurement = Analyze(compilation, analyzers, prebound: prebound);
            Console.Write($"[jit {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted}] ");
            foreach (var (name, time) in measurement.PerAnalyzer.Where(_ => run >= 3))
            {
                perAnalyzer.TryAdd(name, new List<double>());
                perAnalyzer[name].Add(time.TotalMilliseconds);
            }

            var slowest = string.Join(", ", measurement.PerAnalyzer.OrderByDescending(p => p.Value).Take(4).Select(p => $"{p.Key.Replace("Analyzer", "", StringComparison.Ordinal)} {p.Value.TotalMilliseconds:N0}"));
            logged.Add(Total(measurement));
            Console.WriteLine($"{handlers:N0} handlers: {logged[^1]:N0} ms logged ({slowest}), {measurement.Wall.TotalMilliseconds:N0} ms wall, {measurement.PoolThreads} pool threads; GC paused {measurement.GcPause.TotalMilliseconds:N0} ms, {GC.CollectionCount(2) - collections} full collections");
            if (timed is not null)
            {
                var tally = timed.Take();
                inPauses.Add((tally.Wall.TotalMilliseconds, tally.Paused.TotalMilliseconds));
                foreach (var l in timed.TakeLong())
                {
                    Console.WriteLine($"      {l.At,8:N1} {l.Ms,7:N1} ms t{l.Thread,-3} {l.Rule} {l.Kind}");
                }

                Console.WriteLine($"    our callbacks timed themselves {tally.Wall.TotalMilliseconds:N0} ms, of it {tally.Paused.TotalMilliseconds:N0} ms in collector pauses ({tally.Collections} collections ended inside them); {tally.Overlapping:N0} of {tally.Callbacks:N0} callbacks started while another of ours ran");
            }
        }

        if (pauses)
        {
            Console.WriteLine($"last {runs - 3} runs, our callbacks: median {Median(inPauses.Skip(3).Select(p => p.Wall).ToList()):N0} ms, of it in collector pauses median {Median(inPauses.Skip(3).Select(p => p.Paused).ToList()):N0} ms; without the pauses median {Median(inPauses.Skip(3).Select(p => p.Wall - p.Paused).ToList()):N0} ms, least {inPauses.Skip(3).Min(p => p.Wall - p.Paused):N0} ms");
        }

        Console.WriteLine($"last {runs - 3} runs: median {Median(logged.Skip(3).ToList()):N0} ms logged, least {logged.Skip(3).Min():N0} ms");
        foreach (var (name, times) in perAnalyzer.OrderByDescending(p => Median(p.Value)))
        {
            Console.WriteLine($"  {name,-42} median {Median(times),7:N1} ms, least {times.Min(),7:N1} ms");
        }
    }

    /// <summary>
    /// What LambdaAnalyzers add to a build's analysis, which binds every operation anyway for the SDK's own
    /// analyzers: the same fresh project analyzed with a do-nothing operation analyzer alone (the floor) and
    /// with LambdaAnalyzers beside it, in rounds that alternate which goes first, after two unmeasured rounds.
    /// Reported as the median over rounds of each round's difference, in process CPU time (with two cores and
    /// concurrent analysis the steadier figure) and wall time, against the compiler's own time in that round.
    /// Callbacks are not timed (a build does not, unless asked with /reportanalyzer; timing is a cost per callback).
    /// </summary>
    public static void Added(int handlers, int rounds, bool dispatchOnly = false, bool mirror = false)
    {
        var floorAnalyzer = ImmutableArray.Create<DiagnosticAnalyzer>(new EveryOperationAnalyzer());
        var measured = mirror ? RegistrationMirror.Of(Ours()) : dispatchOnly ? DispatchOnly(Ours().Length) : Ours();
        var withOurs = floorAnalyzer.AddRange(measured);
        var compile = new List<(double Wall, double Cpu)>();
        var added = new List<(double Wall, double Cpu)>();
        var gcPause = new List<double>();
        var gen2 = new List<int>();
        for (var round = -2; round < rounds; round++)
        {
            var compileTime = Timed(compilation => compilation.GetDiagnostics());
            var floorFirst = round % 2 == 0;
            var pause = GC.GetTotalPauseDuration();
            var collections = GC.CollectionCount(2);
            var first = Timed(compilation => Analyze(compilation, floorFirst ? floorAnalyzer : withOurs, logExecutionTime: false));
            var (firstPause, firstGen2) = ((GC.GetTotalPauseDuration() - pause).TotalMilliseconds, GC.CollectionCount(2) - collections);
            pause = GC.GetTotalPauseDuration();
            collections = GC.CollectionCount(2);
            var second = Timed(compilation => Analyze(compilation, floorFirst ? withOurs : floorAnalyzer, logExecutionTime: false));
            var (secondPause, secondGen2) = ((GC.GetTotalPauseDuration() - pause).TotalMilliseconds, GC.CollectionCount(2) - collections);
            gcPause.Add(floorFirst ? secondPause - firstPause : firstPause - secondPause);
            gen2.Add(floorFirst ? secondGen2 - firstGen2 : firstGen2 - secondGen2);
            var (floor, ours) = floorFirst ? (first, second) : (second, first);
            if (round >= 0)
            {
                compile.Add(compileTime);
                added.Add((ours.Wall - floor.Wall, ours.Cpu - floor.Cpu));
            }
        }

        (double Wall, double Cpu) Timed(Action<Compilation> work)
        {
            var compilation = SyntheticProject.Create(handlers);
            Settle();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            work(compilation);
            return (watch.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }

        var compileWall = Median(compile.Select(c => c.Wall).ToList());
        var compileCpu = Median(compile.Select(c => c.Cpu).ToList());
        var addedCpu = added.Select(a => a.Cpu).Order().ToList();
        var addedWall = Median(added.Select(a => a.Wall).ToList());
        Console.WriteLine($"{handlers:N0} handlers, {(mirror ? "our rules' registrations with empty callbacks" : dispatchOnly ? $"{measured.Length} do-nothing analyzers registering every kind of action ours use" : "LambdaAnalyzers")}, {rounds} rounds: compile {compileWall:N0} ms wall / {compileCpu:N0} ms CPU; "
            + $"added CPU median {Median(addedCpu):N0} ms ({Median(addedCpu) / compileCpu:P1} of compile CPU; quartiles {addedCpu[rounds / 4]:N0} to {addedCpu[rounds * 3 / 4]:N0} ms), "
            + $"added wall median {addedWall:N0} ms ({addedWall / compileWall:P1} of compile wall)");
        Console.WriteLine("  added CPU per round: " + string.Join(" ", added.Select(a => a.Cpu.ToString("N0"))));
        Console.WriteLine("  added GC pause per round (ms): " + string.Join(" ", gcPause.Select(p => p.ToString("N0"))) + "; added gen2 collections: " + string.Join(" ", gen2));
    }

    /// <summary>The floor alone, or the floor with LambdaAnalyzers, over fresh projects, untimed: for comparing two profiles.</summary>
    public static void AddedOnly(int handlers, bool withOurs)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new EveryOperationAnalyzer()).AddRange(withOurs ? Ours() : ImmutableArray<DiagnosticAnalyzer>.Empty);
        for (var run = 0; run < 4; run++)
        {
            var measurement = Analyze(SyntheticProject.Create(handlers), analyzers, logExecutionTime: false);
            Console.WriteLine($"{measurement.Wall.TotalMilliseconds:N0} ms, {measurement.Allocated / 1024 / 1024:N0} MB allocated");
        }
    }

    /// <summary>Keystrokes in the large handler file of a 200-handler project, analyzed by every analyzer.</summary>
    public static void KeystrokesOnly(int count)
    {
        var analyzers = Ours();
        var snapshot = SyntheticProject.Create(200, largeFileLines: 1000);
        AnalyzeDocument(snapshot, snapshot.SyntaxTrees.Last(), analyzers);
        var times = new List<double>();
        for (var edit = 0; edit < count; edit++)
        {
            (snapshot, var edited) = Keystroke(snapshot, edit);
            times.Add(AnalyzeDocument(snapshot, edited, analyzers));
        }

        Console.WriteLine($"{count} keystrokes: median {Median(times):N1} ms");
    }

    /// <summary>One keystroke in the large handler file (its last tree): a new snapshot sharing every other tree.</summary>
    private static (CSharpCompilation Snapshot, SyntaxTree Edited) Keystroke(CSharpCompilation snapshot, int edit)
    {
        var tree = snapshot.SyntaxTrees.Last();
        var text = tree.GetText();
        var inBody = text.ToString().IndexOf("var s3 = new AmazonS3Client();", StringComparison.Ordinal);
        var edited = tree.WithChangedText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(inBody, 0), $"var edit{edit} = {edit}; ")));
        return (snapshot.ReplaceSyntaxTree(tree, edited), edited);
    }

    /// <summary>The analyzers' time for one document, its compiler diagnostics computed first (as the IDE does).</summary>
    private static double AnalyzeDocument(Compilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers, Dictionary<string, List<double>>? perAnalyzer = null)
    {
        var model = compilation.GetSemanticModel(tree);
        model.GetDiagnostics();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: !Sequential, logAnalyzerExecutionTime: perAnalyzer is not null));
        var watch = Stopwatch.StartNew();
        var result = withAnalyzers.GetAnalysisResultAsync(model, filterSpan: null, CancellationToken.None).Result;
        var elapsed = watch.Elapsed.TotalMilliseconds;
        foreach (var (analyzer, info) in perAnalyzer is null ? ImmutableDictionary<DiagnosticAnalyzer, Microsoft.CodeAnalysis.Diagnostics.Telemetry.AnalyzerTelemetryInfo>.Empty : result.AnalyzerTelemetryInfo)
        {
            var name = analyzer.GetType().Name;
            if (!perAnalyzer!.TryGetValue(name, out var times))
            {
                perAnalyzer[name] = times = new List<double>();
            }

            times.Add(info.ExecutionTime.TotalMilliseconds);
        }

        return elapsed;
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>Makes the driver build and visit every operation of the document, and nothing more.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EveryOperationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Nothing = new("FLOOR", "floor", "floor", "floor", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Nothing);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => { }, Enum.GetValues<OperationKind>().Where(k => k != OperationKind.None).ToImmutableArray());
        }
    }

    /// <summary>One of as many do-nothing analyzers as LambdaAnalyzers has, each registered for every kind of action ours use: the driver's dispatch cost alone.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class DispatchOnlyAnalyzer(int index) : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _nothing = new("DISPATCH" + index, "dispatch", "dispatch", "dispatch", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_nothing);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            // Every kind of action some rule of ours registers, so that the floor is an upper bound on dispatch.
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterOperationAction(
                    _ => { },
                    OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.AnonymousFunction, OperationKind.Literal,
                    OperationKind.ExpressionStatement, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment, OperationKind.CatchClause);
                start.RegisterOperationBlockAction(_ => { });
                start.RegisterSymbolAction(_ => { }, SymbolKind.Method);
            });
        }
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}

/// <summary>Handlers with a realistic mix of clean and faulty code, plus as many ordinary classes.</summary>
public static class SyntheticProject
{
    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
        .Concat(new[] { typeof(Amazon.Lambda.Core.ILambdaContext).Assembly, typeof(Amazon.S3.AmazonS3Client).Assembly, typeof(Amazon.Runtime.IAmazonService).Assembly }
            .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)))
        .ToImmutableArray();

    public static CSharpCompilation Create(int handlers, int largeFileLines = 0)
    {
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < handlers; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Handler(i), path: $"Handler{i}.cs", encoding: Encoding.UTF8));
            trees.Add(CSharpSyntaxTree.ParseText(Ordinary(i), path: $"Model{i}.cs", encoding: Encoding.UTF8));
        }

        if (largeFileLines > 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText(LargeHandlerFile(largeFileLines), path: "LargeHandler.cs", encoding: Encoding.UTF8));
        }

        return CSharpCompilation.Create("Synthetic", trees, References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string Handler(int i) => (i % 4) switch
    {
        0 => $$"""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var s3 = new AmazonS3Client();
                        await new Service{{i}}().RunAsync(message.Body, s3);
                    }
                }
            }
            public class Service{{i}}
            {
                public Task RunAsync(string body, IAmazonS3 s3) => s3.ListBucketsAsync();
            }
            """,
        1 => $$"""
            using System.Threading.Tasks;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                private static readonly AmazonS3Client S3 = new AmazonS3Client();
                public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    await S3.ListBucketsAsync();
                    return new APIGatewayProxyResponse { StatusCode = 200, Body = request.Body };
                }
            }
            """,
        2 => $$"""
            using System;
            using System.Net.Http;
            using Amazon.Lambda.Core;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                public string Handle(string input, ILambdaContext context)
                {
                    try { return Helper{{i}}.Load(input); }
                    catch (Exception ex) { context.Logger.LogLine(ex.Message); return ""; }
                }
            }
            public static class Helper{{i}}
            {
                public static string Load(string input) { using var http = new HttpClient(); return http.GetStringAsync(input).Result; }
            }
            """,
        _ => $$"""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.S3Events;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                private static readonly List<string> Seen = new();
                public void Handle(S3Event evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records) { Seen.Add(record.S3.Object.Key); }
                }
            }
            """,
    };

    private static string Ordinary(int i) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        namespace App.M{{i}};
        public record Order{{i}}(string Id, decimal Amount, IReadOnlyList<string> Lines);
        public class Calculator{{i}}
        {
            public decimal Total(IEnumerable<Order{{i}}> orders) => orders.Where(o => o.Amount > 0).Sum(o => o.Amount * 1.2m);
            public string Describe(Order{{i}} order) => $"{order.Id}: {order.Lines.Count} lines, {order.Amount:C}";
        }
        """;

    private static string LargeHandlerFile(int lines)
    {
        var text = new StringBuilder("using System.Threading.Tasks;\nusing Amazon.Lambda.Core;\nusing Amazon.S3;\nnamespace App.Large;\npublic class LargeHandler\n{\n    public async Task Handle(string input, ILambdaContext context)\n    {\n");
        var methods = (lines - 12) / 6;
        for (var i = 0; i < methods; i++)
        {
            text.Append($"        await Step{i}(input);\n");
        }

        text.Append("    }\n");
        for (var i = 0; i < methods; i++)
        {
            text.Append($"    private static Task Step{i}(string input)\n    {{\n        var s3 = new AmazonS3Client();\n        return s3.ListBucketsAsync();\n    }}\n\n");
        }

        return text.Append("}\n").ToString();
    }
}
