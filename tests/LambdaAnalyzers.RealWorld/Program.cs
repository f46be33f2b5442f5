using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.RealWorld;

/// <summary>
/// real-world [--mirror DIR] [--labels DIR] [--repo owner/name] [--markdown] [--errors]
/// Checks out each labelled repository at its labelled commit from the bare git directories that
/// <c>fetch</c> left under the mirror folder, compiles each labelled project, runs every analyzer and
/// compares what they report with the labels.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var mirror = Option(args, "--mirror") ?? "/work/.mirror";
        var labels = Option(args, "--labels") ?? FindLabels();
        var only = Option(args, "--repo");
        var markdown = args.Contains("--markdown");
        var showErrors = args.Contains("--errors");
        var checkouts = Option(args, "--checkouts") ?? Path.Combine(Path.GetTempPath(), "lambda-realworld");

        var references = ReferenceSet(AppContext.BaseDirectory);
        var analyzers = ShippedAnalyzers.Create();
        var score = new Score();
        var corpus = new CorpusCounts();
        var problems = new List<string>();

        foreach (var file in Directory.EnumerateFiles(labels, "*.json").Order(StringComparer.Ordinal))
        {
            RepositoryLabels repo;
            try
            {
                repo = RepositoryLabels.Read(file);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                problems.Add($"{Path.GetFileName(file)}: unreadable labels: {e.Message}");
                continue;
            }

            if (only is not null && !string.Equals(repo.Repo, only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string root;
            try
            {
                root = Checkout(mirror, checkouts, repo);
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{repo.Repo}: {e.Message}");
                continue;
            }

            corpus.Repositories++;
            var compiler = new ProjectCompiler(root, references);
            foreach (var project in repo.Projects)
            {
                corpus.Add(project);
                CompiledProject compiled;
                try
                {
                    compiled = compiler.Compile(project.Project);
                }
                catch (Exception e) when (e is FileNotFoundException or System.Xml.XmlException)
                {
                    problems.Add($"{repo.Repo}: {project.Project}: {e.Message}");
                    continue;
                }

                var errors = compiled.Compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                corpus.CompilerErrors += errors;
                if (showErrors && errors > 0)
                {
                    Console.WriteLine($"{repo.Repo}: {project.Project}: {errors} compiler errors, first: "
                        + string.Join(" | ", compiled.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).Select(d => d.GetMessage())));
                }

                var crashes = new List<string>();
                var options = new CompilationWithAnalyzersOptions(
                    compiled.Options,
                    (exception, analyzer, _) => crashes.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false);
                var watch = Stopwatch.StartNew();
                var diagnostics = await compiled.Compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
                corpus.AnalysisTime += watch.Elapsed;
                problems.AddRange(crashes.Distinct().Select(c => $"{repo.Repo}: {project.Project}: analyzer exception {c}"));

                var reported = new Dictionary<FindingKey, string>();
                foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("LAM", StringComparison.Ordinal)))
                {
                    var span = diagnostic.Location.GetLineSpan();
                    if (string.IsNullOrEmpty(span.Path))
                    {
                        continue;
                    }

                    var key = new FindingKey(diagnostic.Id, Relative(root, span.Path), span.StartLinePosition.Line + 1);
                    reported.TryAdd(key, diagnostic.GetMessage());
                }

                score.Add(repo.Repo, project, reported);
            }
        }

        score.Print(markdown);
        Console.WriteLine();
        Console.WriteLine(corpus);
        foreach (var problem in problems)
        {
            Console.WriteLine("problem: " + problem);
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    internal static string FindLabels()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = Path.Combine(directory, "tests", "RealWorld", "repos");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/RealWorld/repos not found above the runner; pass --labels DIR");
    }

    private static string Relative(string root, string path)
        => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>
    /// The files a compilation can need (sources, project and props files, deployment files, .editorconfig) of the
    /// repository at its labelled commit, written once from the bare git directory <c>fetch</c> made. Blobs the
    /// snapshot lacks (large files are left out of it) are skipped.
    /// </summary>
    internal static string Checkout(string mirror, string checkouts, RepositoryLabels repo)
    {
        var folder = Path.Combine(mirror, repo.Repo.Replace('/', '+'), "repo");
        var gitDir = Directory.Exists(Path.Combine(folder, ".git")) ? Path.Combine(folder, ".git") : folder;
        if (!Directory.Exists(gitDir))
        {
            throw new InvalidOperationException($"not fetched: no {folder} (fetch github:{repo.Repo})");
        }

        var target = Path.Combine(checkouts, $"{repo.Repo.Replace('/', '+')}@{repo.Commit[..Math.Min(12, repo.Commit.Length)]}");
        var done = Path.Combine(target, ".extracted");
        if (File.Exists(done))
        {
            return target;
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var listing = Git(gitDir, "ls-tree", "-r", "-z", repo.Commit);
        var wanted = new List<(string Sha, string Path)>();
        foreach (var entry in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t');
            var fields = entry[..tab].Split(' ');
            var path = entry[(tab + 1)..];
            if (fields[1] == "blob" && IsCompilationInput(path))
            {
                wanted.Add((fields[2], path));
            }
        }

        // One cat-file process streams every blob: "<sha> blob <size>\n<bytes>\n", or "<sha> missing\n".
        using var process = Process.Start(new ProcessStartInfo("git", ["--git-dir", gitDir, "cat-file", "--batch"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var writer = Task.Run(() =>
        {
            foreach (var (sha, _) in wanted)
            {
                process.StandardInput.Write(sha + "\n");
            }

            process.StandardInput.Close();
        });
        var output = process.StandardOutput.BaseStream;
        foreach (var (_, path) in wanted)
        {
            var header = ReadLine(output).Split(' ');
            if (header.Length < 3 || header[1] != "blob")
            {
                continue;
            }

            var bytes = new byte[int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture)];
            output.ReadExactly(bytes);
            output.ReadByte();
            var file = Path.Combine(target, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
        }

        writer.Wait();
        process.WaitForExit();
        if (!Directory.Exists(target))
        {
            throw new InvalidOperationException($"commit {repo.Commit} holds no compilation input in {gitDir}");
        }

        File.WriteAllText(done, repo.Commit);
        return target;
    }

    private static bool IsCompilationInput(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".targets", StringComparison.OrdinalIgnoreCase)
            || name == ".editorconfig"
            || ProjectCompiler.DeploymentFileNames.Contains(name, StringComparer.Ordinal);
    }

    private static string Git(string gitDir, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("git", ["--git-dir", gitDir, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error.Trim()}");
        }

        return output.Result;
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        for (var b = stream.ReadByte(); b is not -1 and not '\n'; b = stream.ReadByte())
        {
            bytes.Add((byte)b);
        }

        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The reference pack, the stand-ins and the packages in the runner's output <paramref name="folder"/>: everything a corpus project may reference.</summary>
    internal static ImmutableArray<MetadataReference> ReferenceSet(string folder)
    {
        var skip = new[] { "Microsoft.CodeAnalysis", "LambdaAnalyzers", "Basic.Reference", "YamlDotNet", "Humanizer", "System.", "Microsoft.Build" };
        var packages = Directory.EnumerateFiles(folder, "*.dll")
            .Where(path => !skip.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Concat(packages).ToImmutableArray();
    }
}
