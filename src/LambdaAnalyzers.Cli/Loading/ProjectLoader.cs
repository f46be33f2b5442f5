using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace LambdaAnalyzers.Cli.Loading
{
    /// <summary>A reason the tool cannot review what it was given, worded for the person who typed the command.</summary>
    internal sealed class LoadException : Exception
    {
        public LoadException(string message)
            : base(message)
        {
        }
    }

    /// <summary>The loaded workspace and the projects the user asked to review.</summary>
    internal sealed class LoadedTarget : IDisposable
    {
        public LoadedTarget(MSBuildWorkspace workspace, IReadOnlyList<ProjectId> projects, string baseDirectory)
        {
            Workspace = workspace;
            Projects = projects;
            BaseDirectory = baseDirectory;
        }

        public MSBuildWorkspace Workspace { get; }

        public IReadOnlyList<ProjectId> Projects { get; }

        public string BaseDirectory { get; }

        public void Dispose() => Workspace.Dispose();
    }

    /// <summary>
    /// Opens a project, a solution, or a folder holding one of them with MSBuildWorkspace, whose build host
    /// runs in its own process on the installed SDK. Restores first when a project has not been (a
    /// compilation without its packages would hide every Lambda type), or, with --no-restore, refuses
    /// with the command that helps.
    /// </summary>
    internal static class ProjectLoader
    {
        public static async Task<LoadedTarget> LoadAsync(string target, bool restore, bool includeTests, Action<string> progress, CancellationToken cancellationToken)
        {
            var path = Resolve(target);
            var projectFiles = ProjectFilesOf(path).ToList();
            var unrestored = projectFiles.Where(p => !File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "obj", "project.assets.json"))).ToList();
            if (unrestored.Count > 0)
            {
                if (!restore)
                {
                    throw new LoadException($"'{unrestored[0]}' has not been restored: run `dotnet restore \"{path}\"` first, or drop --no-restore.");
                }

                progress($"Restoring {Path.GetFileName(path)}");
                await RestoreAsync(path, cancellationToken).ConfigureAwait(false);
            }

            MSBuildWorkspace workspace;
            try
            {
                workspace = MSBuildWorkspace.Create();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new LoadException($"MSBuild could not be started ({exception.Message}); is a .NET SDK installed and `dotnet` on PATH?");
            }

            var failures = new List<string>();
            workspace.RegisterWorkspaceFailedHandler(e =>
            {
                if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    failures.Add(e.Diagnostic.Message);
                }
            });

            try
            {
                progress($"Loading {Path.GetFileName(path)}");
                List<ProjectId> projects;
                if (IsSolution(path))
                {
                    // The workspace also loads what the listed projects reference (an analyzer project, say); only
                    // the solution's own projects are reviewed.
                    var solution = await workspace.OpenSolutionAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                    var listed = new HashSet<string>(projectFiles, StringComparer.Ordinal);
                    var own = solution.Projects
                        .Where(p => p.Language == LanguageNames.CSharp && (listed.Count == 0 || (p.FilePath is { } file && listed.Contains(Path.GetFullPath(file)))))
                        .ToList();

                    // Test projects deploy nothing, and their fakes hold fake secrets: reviewed only when asked.
                    var tests = includeTests ? new List<Project>() : own.Where(TestProjects.IsTestProject).ToList();
                    if (tests.Count > 0)
                    {
                        progress($"Skipping {tests.Count} test project(s): {string.Join(", ", tests.Select(t => t.Name))} (--include-tests reviews them)");
                        if (tests.Count == own.Count)
                        {
                            throw new LoadException($"'{path}' holds only test projects ({string.Join(", ", tests.Select(t => t.Name))}); add --include-tests to review them.");
                        }
                    }

                    projects = own.Except(tests).Select(p => p.Id).ToList();
                }
                else
                {
                    var project = await workspace.OpenProjectAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                    projects = new List<ProjectId> { project.Id };
                }

                var requested = workspace.CurrentSolution.Projects.Where(p => projects.Contains(p.Id)).ToList();
                if (requested.Count == 0 || requested.All(p => !p.Documents.Any()))
                {
                    var reason = failures.Count > 0 ? ": " + failures[0] : string.Empty;
                    throw new LoadException($"'{path}' loaded no C# source{reason}");
                }

                return new LoadedTarget(workspace, projects, Path.GetDirectoryName(path)!);
            }
            catch (LoadException)
            {
                workspace.Dispose();
                throw;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                workspace.Dispose();
                throw new LoadException($"'{path}' could not be loaded: {exception.Message}");
            }
        }

        /// <summary>As a build would: `dotnet restore`, whose last lines explain a failure.</summary>
        private static async Task RestoreAsync(string path, CancellationToken cancellationToken)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("restore");
            start.ArgumentList.Add(path);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            System.Diagnostics.Process process;
            try
            {
                process = System.Diagnostics.Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new LoadException($"'{path}' needs a restore and `dotnet` could not be started ({exception.Message}); is the .NET SDK installed?");
            }

            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var error = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    var lines = ((await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false))).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    throw new LoadException($"`dotnet restore \"{path}\"` failed:\n  " + string.Join("\n  ", lines.TakeLast(5)));
                }
            }
        }

        /// <summary>A project or solution file; a folder stands for the one solution, or else the one project, in it.</summary>
        private static string Resolve(string target)
        {
            var full = Path.GetFullPath(target);
            if (File.Exists(full))
            {
                if (IsSolution(full) || full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                {
                    return full;
                }

                throw new LoadException($"'{target}' is not a C# project (.csproj) or a solution (.sln, .slnx).");
            }

            if (!Directory.Exists(full))
            {
                throw new LoadException($"'{target}' does not exist.");
            }

            var solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var candidates = solutions.Count > 0 ? solutions : Directory.GetFiles(full, "*.csproj").OrderBy(f => f, StringComparer.Ordinal).ToList();
            return candidates.Count switch
            {
                1 => candidates[0],
                0 => throw new LoadException($"'{target}' holds no solution (.sln, .slnx) or C# project (.csproj)."),
                _ => throw new LoadException($"'{target}' holds several {(solutions.Count > 0 ? "solutions" : "projects")} ({string.Join(", ", candidates.Select(Path.GetFileName))}); name one."),
            };
        }

        private static bool IsSolution(string path)
            => path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase);

        /// <summary>The projects a restore check looks at: the project itself, or a solution's C# projects.</summary>
        private static IEnumerable<string> ProjectFilesOf(string path)
        {
            if (!IsSolution(path))
            {
                return new[] { path };
            }

            // Project lines of a .sln ("Name", "relative\path.csproj", ...) or <Project Path="..."/> of a .slnx.
            var directory = Path.GetDirectoryName(path)!;
            return File.ReadLines(path)
                .SelectMany(line => line.Split('"'))
                .Where(part => part.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                .Select(part => Path.GetFullPath(Path.Combine(directory, part.Replace('\\', Path.DirectorySeparatorChar))))
                .Where(File.Exists)
                .Distinct();
        }
    }
}
