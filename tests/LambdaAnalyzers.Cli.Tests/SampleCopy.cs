using System;
using System.IO;
using System.Linq;

namespace LambdaAnalyzers.Cli.Tests
{
    /// <summary>
    /// A restored copy of a sample project in <c>.review-*/</c> at the repository root, with the samples'
    /// Directory.Build.props and configs beside it, so its relative references resolve as the original's do.
    /// The tool reviews (and <c>--fix</c> rewrites) the copy, never the samples other tests build meanwhile.
    /// </summary>
    public sealed class SampleCopy : IDisposable
    {
        private readonly string _root;

        public SampleCopy(string sample)
        {
            var samples = Path.Combine(RepositoryRoot, "samples");
            _root = Path.Combine(RepositoryRoot, $".review-{Guid.NewGuid():N}");
            Directory = Path.Combine(_root, sample);
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var config in new[] { "Directory.Build.props", "samples.globalconfig", ".editorconfig" })
            {
                File.Copy(Path.Combine(samples, config), Path.Combine(_root, config));
            }

            var source = Path.Combine(samples, sample);
            foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative.EndsWith(".sarif", StringComparison.Ordinal))
                {
                    continue;
                }

                var target = Path.Combine(Directory, relative);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var (exitCode, output) = DotNet("restore " + Project);
            if (exitCode != 0)
            {
                throw new InvalidOperationException("restore failed:\n" + output);
            }
        }

        public static string RepositoryRoot => LambdaAnalyzers.Tests.Samples.DotNetCli.RepositoryRoot;

        public string Directory { get; }

        public string Project => System.IO.Directory.GetFiles(Directory, "*.csproj").Single();

        public string Read(string file) => File.ReadAllText(Path.Combine(Directory, file));

        /// <summary>The repository's own runner of the dotnet CLI (linked from the analyzer tests).</summary>
        public static (int ExitCode, string Output) DotNet(string arguments) => LambdaAnalyzers.Tests.Samples.DotNetCli.Run(arguments);

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A build host may still hold a file for a moment; the copy is ignored by git either way.
            }
        }
    }

    /// <summary>One restored copy of each sample for the read-only tests of a class.</summary>
    public sealed class Samples : IDisposable
    {
        public SampleCopy Noncompliant { get; } = new("Orders.Noncompliant");

        public SampleCopy Compliant { get; } = new("Orders.Compliant");

        public void Dispose()
        {
            Noncompliant.Dispose();
            Compliant.Dispose();
        }
    }

    internal static class Tool
    {
        public static async System.Threading.Tasks.Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exitCode = await ReviewCommand.RunAsync(args, new ConsoleStreams(output, error, OutIsTerminal: false, ErrorIsTerminal: false));
            return (exitCode, output.ToString(), error.ToString());
        }
    }
}
