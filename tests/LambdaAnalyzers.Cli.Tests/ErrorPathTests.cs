using System;
using System.IO;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Cli.Tests
{
    /// <summary>Exit code 2 and one line that says what to do, for everything that stops a review before it starts.</summary>
    public class ErrorPathTests
    {
        [Theory]
        [InlineData(new string[0], "Name the project, solution or folder to review.")]
        [InlineData(new[] { "x", "--format", "xml" }, "Unknown format 'xml'")]
        [InlineData(new[] { "x", "--fail-on", "fatal" }, "Unknown severity 'fatal'")]
        [InlineData(new[] { "x", "--frobnicate" }, "Unknown option '--frobnicate'")]
        [InlineData(new[] { "x", "--dry-run" }, "--dry-run goes with --fix.")]
        [InlineData(new[] { "x", "y" }, "One project, solution or folder at a time")]
        [InlineData(new[] { "x", "--format" }, "--format needs a value.")]
        public async Task UsageErrors_ExitTwo_WithTheReason(string[] args, string reason)
        {
            var (exitCode, output, error) = await Tool.RunAsync(args);

            Assert.Equal(ReviewCommand.UsageOrLoadError, exitCode);
            Assert.Equal(string.Empty, output);
            Assert.Contains(reason, error);
            Assert.Contains("lambda-review --help", error);
        }

        [Fact]
        public async Task Help_PrintsUsage_ExitsZero()
        {
            var (exitCode, output, _) = await Tool.RunAsync("--help");
            Assert.Equal(ReviewCommand.Clean, exitCode);
            Assert.Contains("Usage: lambda-review <project | solution | folder>", output);
            Assert.Contains("--format <text|markdown|sarif|json>", output);
        }

        [Fact]
        public async Task Version_PrintsThePackageVersion_ExitsZero()
        {
            var (exitCode, output, error) = await Tool.RunAsync("--version");

            Assert.Equal(ReviewCommand.Clean, exitCode);
            Assert.Equal(string.Empty, error);
            Assert.Matches(@"^lambda-review \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\r?\n$", output);
        }

        [Fact]
        public async Task MissingPath_ExitsTwo()
        {
            var (exitCode, _, error) = await Tool.RunAsync("/no/such/project");
            Assert.Equal(ReviewCommand.UsageOrLoadError, exitCode);
            Assert.Contains("'/no/such/project' does not exist.", error);
        }

        [Fact]
        public async Task FolderWithoutProject_ExitsTwo()
        {
            var folder = Directory.CreateTempSubdirectory("review-empty").FullName;
            try
            {
                var (exitCode, _, error) = await Tool.RunAsync(folder);
                Assert.Equal(ReviewCommand.UsageOrLoadError, exitCode);
                Assert.Contains("holds no solution (.sln, .slnx) or C# project (.csproj)", error);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task FolderWithSeveralProjects_AsksWhichOne()
        {
            var folder = Directory.CreateTempSubdirectory("review-two").FullName;
            try
            {
                File.WriteAllText(Path.Combine(folder, "A.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
                File.WriteAllText(Path.Combine(folder, "B.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
                var (exitCode, _, error) = await Tool.RunAsync(folder);
                Assert.Equal(ReviewCommand.UsageOrLoadError, exitCode);
                Assert.Contains("holds several projects (A.csproj, B.csproj); name one.", error);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task UnrestoredProject_WithNoRestore_ExitsTwo_SaysToRestore()
        {
            var folder = Directory.CreateTempSubdirectory("review-unrestored").FullName;
            try
            {
                var project = Path.Combine(folder, "Handlers.csproj");
                File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>");
                var (exitCode, _, error) = await Tool.RunAsync(project, "--no-restore");
                Assert.Equal(ReviewCommand.UsageOrLoadError, exitCode);
                Assert.Contains("has not been restored: run `dotnet restore", error);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task NotAProjectFile_ExitsTwo()
        {
            var file = Path.GetTempFileName();
            try
            {
                var (exitCode, _, error) = await Tool.RunAsync(file);
                Assert.Equal(ReviewCommand.UsageOrLoadError, exitCode);
                Assert.Contains("is not a C# project (.csproj) or a solution (.sln, .slnx).", error);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public async Task RestoreThatFails_ExitsTwo_WithRestoresOwnWords()
        {
            var folder = Directory.CreateTempSubdirectory("review-badrestore").FullName;
            try
            {
                var project = Path.Combine(folder, "Handlers.csproj");
                File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include=\"No.Such.Package.LambdaAnalyzers\" Version=\"9.9.9\" /></ItemGroup></Project>");
                var (exitCode, _, error) = await Tool.RunAsync(project);
                Assert.Equal(ReviewCommand.UsageOrLoadError, exitCode);
                Assert.Contains("Restoring Handlers.csproj", error);
                Assert.Contains("failed:", error);
                Assert.Contains("No.Such.Package.LambdaAnalyzers", error);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
