using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace LambdaAnalyzers.Tests.Samples
{
    /// <summary>Runs the real <c>dotnet</c> CLI on the repository's projects, as a user would.</summary>
    internal static class DotNetCli
    {
        /// <summary>Tests that run the CLI share one xunit collection: concurrent builds of the same projects would collide.</summary>
        public const string Collection = "dotnet CLI";

        public static string RepositoryRoot { get; } = FindRoot();

        public static (int ExitCode, string Output) Run(string arguments, int timeoutSeconds = 300)
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet {arguments} did not finish in {timeoutSeconds} s:\n{output}");
            }

            process.WaitForExit();
            return (process.ExitCode, output.ToString());
        }

        private static string FindRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LambdaAnalyzers.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("LambdaAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
