using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Cli.Fixing;
using LambdaAnalyzers.Cli.Loading;
using LambdaAnalyzers.Cli.Output;
using LambdaAnalyzers.Cli.Review;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Cli
{
    /// <summary>Where the command writes, and whether a person is watching (colour, a progress line redrawn in place).</summary>
    internal sealed record ConsoleStreams(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal);

    /// <summary><c>lambda-review</c>: load, analyze, optionally fix, report, and exit with a code CI understands.</summary>
    internal static class ReviewCommand
    {
        public const int Clean = 0;
        public const int Findings = 1;
        public const int UsageOrLoadError = 2;

        public static async Task<int> RunAsync(IReadOnlyList<string> args, ConsoleStreams console, CancellationToken cancellationToken = default)
        {
            var options = ReviewOptions.Parse(args);
            if (options.Help)
            {
                console.Out.WriteLine(ReviewOptions.Usage);
                return Clean;
            }

            if (options.Version && options.Error is null)
            {
                console.Out.WriteLine("lambda-review " + ToolVersion);
                return Clean;
            }

            if (options.Error is not null)
            {
                console.Error.WriteLine("lambda-review: " + options.Error);
                console.Error.WriteLine("Run 'lambda-review --help' for usage.");
                return UsageOrLoadError;
            }

            var progress = new Progress(console.Error, console.ErrorIsTerminal);
            try
            {
                using var target = await ProjectLoader.LoadAsync(options.Target!, options.Restore, options.IncludeTests, progress.Report, cancellationToken).ConfigureAwait(false);
                var solution = target.Workspace.CurrentSolution;
                var changesOut = options.Format is OutputFormat.Text or OutputFormat.Markdown && options.OutputFile is null ? console.Out : console.Error;

                if (options.Fix)
                {
                    var outcome = await FixApplier.ApplyAsync(solution, target.Projects, progress.Report, progress.Warn, cancellationToken).ConfigureAwait(false);
                    progress.Done();
                    ReportChanges(solution, outcome, options.DryRun, target.BaseDirectory, changesOut);
                    if (!options.DryRun && outcome.Applied.Count > 0)
                    {
                        if (!target.Workspace.TryApplyChanges(outcome.Solution))
                        {
                            console.Error.WriteLine("lambda-review: the fixed files could not be written.");
                            return UsageOrLoadError;
                        }

                        solution = target.Workspace.CurrentSolution;
                    }
                }

                var reviewer = new Reviewer(target.BaseDirectory);
                var projects = new List<ProjectReview>();
                for (var i = 0; i < target.Projects.Count; i++)
                {
                    var project = solution.GetProject(target.Projects[i])!;
                    progress.Report($"Analyzing {project.Name} ({i + 1}/{target.Projects.Count})");
                    projects.Add(await reviewer.ReviewAsync(project, progress.Warn, cancellationToken).ConfigureAwait(false));
                }

                progress.Done();
                var result = new ReviewResult(options.Target!, projects.Count, projects.Where(p => p.Handlers.Count > 0 || p.OtherFindings.Count > 0 || target.Projects.Count == 1).ToList(), LambdaRules.Catalog);
                var color = options.OutputFile is null && (options.Color ?? (console.OutIsTerminal && Environment.GetEnvironmentVariable("NO_COLOR") is null));
                IReport report = options.Format switch
                {
                    OutputFormat.Markdown => new MarkdownReport(),
                    OutputFormat.Sarif => new SarifReport(target.BaseDirectory),
                    OutputFormat.Json => new JsonReport(),
                    _ => new TextReport(color),
                };

                if (options.OutputFile is null)
                {
                    report.Write(result, console.Out);
                }
                else
                {
                    using var file = new StreamWriter(options.OutputFile);
                    report.Write(result, file);
                    console.Error.WriteLine($"lambda-review: wrote {options.OutputFile}");
                }

                var failing = options.FailOn is { } threshold && result.AllFindings.Any(f => f.Severity >= threshold);
                return failing ? Findings : Clean;
            }
            catch (LoadException exception)
            {
                progress.Done();
                console.Error.WriteLine("lambda-review: " + exception.Message);
                return UsageOrLoadError;
            }
        }

        /// <summary>The package version the tool was built as (without the source revision the SDK may append).</summary>
        public static string ToolVersion
        {
            get
            {
                var informational = typeof(ReviewCommand).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                    .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
                    .FirstOrDefault()?.InformationalVersion ?? typeof(ReviewCommand).Assembly.GetName().Version?.ToString() ?? "unknown";
                var plus = informational.IndexOf('+', StringComparison.Ordinal);
                return plus < 0 ? informational : informational[..plus];
            }
        }

        private static void ReportChanges(Solution before, FixOutcome outcome, bool dryRun, string baseDirectory, TextWriter output)
        {
            if (outcome.Applied.Count == 0)
            {
                output.WriteLine("lambda-review --fix: no code fix applies.");
                return;
            }

            output.WriteLine(dryRun ? "lambda-review --fix --dry-run: would apply" : "lambda-review --fix: applied");
            foreach (var line in outcome.Applied)
            {
                output.WriteLine("  " + line);
            }

            foreach (var projectChanges in outcome.Solution.GetChanges(before).GetProjectChanges())
            {
                foreach (var id in projectChanges.GetChangedDocuments())
                {
                    var path = before.GetDocument(id)!.FilePath ?? before.GetDocument(id)!.Name;
                    var relative = Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');
                    if (dryRun)
                    {
                        var oldText = before.GetDocument(id)!.GetTextAsync().GetAwaiter().GetResult().ToString();
                        var newText = outcome.Solution.GetDocument(id)!.GetTextAsync().GetAwaiter().GetResult().ToString();
                        output.Write(UnifiedDiff.Create(relative, oldText, newText));
                    }
                    else
                    {
                        output.WriteLine("  changed " + relative);
                    }
                }
            }

            output.WriteLine();
        }

        /// <summary>Progress on standard error: one line redrawn in place on a terminal, plain lines in a CI log.</summary>
        private sealed class Progress
        {
            private readonly TextWriter _error;
            private readonly bool _interactive;
            private int _width;

            public Progress(TextWriter error, bool interactive)
            {
                _error = error;
                _interactive = interactive;
            }

            public void Report(string message)
            {
                if (_interactive)
                {
                    _error.Write("\r" + message.PadRight(_width) + "…");
                    _width = message.Length;
                }
                else
                {
                    _error.WriteLine(message + "…");
                }
            }

            public void Warn(string message)
            {
                Done();
                _error.WriteLine("lambda-review: warning: " + message);
            }

            public void Done()
            {
                if (_interactive && _width > 0)
                {
                    _error.Write("\r" + new string(' ', _width + 1) + "\r");
                    _width = 0;
                }
            }
        }
    }
}
