using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Cli
{
    internal enum OutputFormat
    {
        Text,
        Markdown,
        Sarif,
        Json,
    }

    /// <summary>The command line, parsed; <see cref="Error"/> says what was wrong with it.</summary>
    internal sealed record ReviewOptions(
        string? Target,
        OutputFormat Format,
        DiagnosticSeverity? FailOn,
        bool Fix,
        bool DryRun,
        bool? Color,
        bool Restore,
        string? OutputFile,
        bool Help,
        string? Error,
        bool IncludeTests = false,
        bool Version = false)
    {
        public const string Usage = """
            Usage: lambda-review <project | solution | folder> [options]

            Reviews AWS Lambda handlers: how each is triggered, what happens when it fails, and a checklist
            (clients reused, secrets, idempotency, batch failures, async correctness) from the LambdaAnalyzers rules.

            Options:
              --format <text|markdown|sarif|json>   Output format (default: text).
              --output <file>                       Write the report to a file instead of standard output.
              --fail-on <error|warning|info|none>   Exit with 1 when a finding is at or above this severity (default: warning).
              --fix                                 Apply every available code fix (Fix All) and write the files.
              --dry-run                             With --fix: print the diff, change nothing.
              --no-restore                          Fail instead of running `dotnet restore` on an unrestored project.
              --include-tests                       Review a solution's test projects too (skipped by default: their
                                                    fakes hold fake secrets and no deployed handler).
              --color / --no-color                  Force colour on or off (default: on for a terminal, unless NO_COLOR is set).
              --version                             Show the tool's version.
              -h, --help                            Show this help.

            Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage or load error.
            """;

        public static ReviewOptions Parse(IReadOnlyList<string> args)
        {
            string? target = null, output = null, error = null;
            var format = OutputFormat.Text;
            DiagnosticSeverity? failOn = DiagnosticSeverity.Warning;
            bool fix = false, dryRun = false, help = false, restore = true, includeTests = false, version = false;
            bool? color = null;

            for (var i = 0; i < args.Count && error is null; i++)
            {
                var arg = args[i];
                string? Value()
                {
                    if (i + 1 < args.Count)
                    {
                        return args[++i];
                    }

                    error = $"{arg} needs a value.";
                    return null;
                }

                switch (arg)
                {
                    case "-h" or "--help" or "-?":
                        help = true;
                        break;
                    case "--version":
                        version = true;
                        break;
                    case "--include-tests":
                        includeTests = true;
                        break;
                    case "--fix":
                        fix = true;
                        break;
                    case "--dry-run":
                        dryRun = true;
                        break;
                    case "--no-restore":
                        restore = false;
                        break;
                    case "--color":
                        color = true;
                        break;
                    case "--no-color":
                        color = false;
                        break;
                    case "--output" or "-o":
                        output = Value();
                        break;
                    case "--format" or "-f":
                        var name = Value();
                        if (name is not null && !Enum.TryParse(name, ignoreCase: true, out format))
                        {
                            error = $"Unknown format '{name}': use text, markdown, sarif or json.";
                        }

                        break;
                    case "--fail-on":
                        var level = Value();
                        failOn = level?.ToLowerInvariant() switch
                        {
                            "error" => DiagnosticSeverity.Error,
                            "warning" => DiagnosticSeverity.Warning,
                            "info" => DiagnosticSeverity.Info,
                            "none" => null,
                            _ => failOn,
                        };
                        if (level is not null && level.ToLowerInvariant() is not ("error" or "warning" or "info" or "none"))
                        {
                            error = $"Unknown severity '{level}': use error, warning, info or none.";
                        }

                        break;
                    default:
                        if (arg.StartsWith('-'))
                        {
                            error = $"Unknown option '{arg}'.";
                        }
                        else if (target is null)
                        {
                            target = arg;
                        }
                        else
                        {
                            error = $"One project, solution or folder at a time ('{target}', then '{arg}').";
                        }

                        break;
                }
            }

            if (error is null && !help && !version && target is null)
            {
                error = "Name the project, solution or folder to review.";
            }

            if (error is null && dryRun && !fix)
            {
                error = "--dry-run goes with --fix.";
            }

            return new ReviewOptions(target, format, failOn, fix, dryRun, color, restore, output, help, error, includeTests, version);
        }
    }
}
