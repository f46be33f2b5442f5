using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace LambdaAnalyzers.Tests.Samples
{
    /// <summary>
    /// The shipped artifact: pack the NuGet package, check its layout, consume it from a fresh project as a
    /// user would (PackageReference), see the diagnostics in <c>dotnet build</c>, and apply the fix with
    /// <c>dotnet format analyzers</c>.
    /// </summary>
    [Collection(DotNetCli.Collection)]
    public class PackageTests : IDisposable
    {
        private readonly string _work = Directory.CreateTempSubdirectory("lambda-analyzers-package-").FullName;

        // A version of its own per run: the NuGet cache keys extracted packages by version.
        private readonly string _version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

        [Fact]
        public void Package_HasBothAssembliesAsAnalyzers_LoadsInBuild_AndItsFixRunsInDotnetFormat()
        {
            var feed = Path.Combine(_work, "feed");
            var (packExit, packOutput) = DotNetCli.Run($"pack src/LambdaAnalyzers.Package -c Release -o \"{feed}\" -p:Version={_version}");
            Assert.True(packExit == 0, packOutput);

            var nupkg = Path.Combine(feed, $"LambdaAnalyzers.{_version}.nupkg");
            using (var archive = ZipFile.OpenRead(nupkg))
            {
                var entries = archive.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("analyzers/dotnet/cs/LambdaAnalyzers.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/LambdaAnalyzers.CodeFixes.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
                Assert.Contains("build/LambdaAnalyzers.props", entries);
                Assert.Contains("README.md", entries);
                Assert.Contains("icon.png", entries);
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

                // Three assemblies under analyzers/, as the README says: the analyzers, the fixes, and their YAML parser.
                Assert.Equal(3, entries.Count(e => e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)));
                AssertReadmeLinksAreAbsolute(archive);
                Assert.DoesNotContain(entries, e => e.Contains("StandIns", StringComparison.Ordinal));

                var nuspec = XDocument.Load(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
                var ns = nuspec.Root!.Name.Namespace;
                var metadata = nuspec.Root.Element(ns + "metadata")!;
                Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
                Assert.Null(metadata.Element(ns + "dependencies"));
                Assert.NotNull(metadata.Element(ns + "license"));
                Assert.NotNull(metadata.Element(ns + "repository"));
                AssertPackagePageMetadata(metadata);
            }

            var consumer = WriteConsumer(feed);
            var (buildExit, buildOutput) = DotNetCli.Run($"build \"{consumer}\"");
            Assert.True(buildExit != 0, "LAM401 is an error by default: " + buildOutput);
            Assert.Contains("Handler.cs(9,18): warning LAM001", buildOutput);

            // The template is picked up by the package's build props and read with the YamlDotNet packed beside the analyzer.
            Assert.Contains("template.yaml(5,16): error LAM401", buildOutput);

            var (formatExit, formatOutput) = DotNetCli.Run($"format analyzers \"{consumer}\" --diagnostics LAM001 --severity info");
            Assert.True(formatExit == 0, formatOutput);
            var fixedSource = File.ReadAllText(Path.Combine(Path.GetDirectoryName(consumer)!, "Handler.cs"));
            Assert.Contains("private static readonly AmazonS3Client s_s3 = new AmazonS3Client();", fixedSource);

            File.WriteAllText(Path.Combine(Path.GetDirectoryName(consumer)!, "template.yaml"), Template("Handler::Handle"));
            var (rebuildExit, rebuildOutput) = DotNetCli.Run($"build \"{consumer}\" --no-incremental");
            Assert.True(rebuildExit == 0, rebuildOutput);
            Assert.DoesNotContain("LAM001", rebuildOutput);
            Assert.DoesNotContain("LAM401", rebuildOutput);

            // The package's props make IsTestProject visible to the analyzers: a test project's fixtures are not reported.
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(consumer)!, "Settings.cs"), """
                public static class Settings
                {
                    public static string? Password => System.Environment.GetEnvironmentVariable("DB_PASSWORD");
                }
                """);
            var (secretExit, secretOutput) = DotNetCli.Run($"build \"{consumer}\" --no-incremental");
            Assert.True(secretExit == 0, secretOutput);
            Assert.Contains("Settings.cs(3,39): warning LAM101", secretOutput);
            var (testProjectExit, testProjectOutput) = DotNetCli.Run($"build \"{consumer}\" --no-incremental -p:IsTestProject=true");
            Assert.True(testProjectExit == 0, testProjectOutput);
            Assert.DoesNotContain("LAM101", testProjectOutput);

            // The props add the nearest template above the project (a solution-level SAM template): its function
            // whose CodeUri is the project's folder is checked, another project's is not.
            File.Delete(Path.Combine(Path.GetDirectoryName(consumer)!, "Settings.cs"));
            var rootTemplate = Path.Combine(_work, "template.yaml");
            File.WriteAllText(rootTemplate, """
                Resources:
                  Mine:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: Consumer/
                      Handler: Consumer::Handler::Handel
                  Theirs:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: Other/
                      Handler: Other::Nowhere.Missing::Handle
                """);
            var (rootExit, rootOutput) = DotNetCli.Run($"build \"{consumer}\" --no-incremental");
            Assert.True(rootExit != 0, "LAM401 is an error by default: " + rootOutput);
            Assert.Contains(rootTemplate + "(6,16): error LAM401", rootOutput);
            Assert.DoesNotContain("Nowhere.Missing", rootOutput);
        }

        [Fact]
        public void ToolPackage_HasAReadmeWithAbsoluteLinks_AndTheIcon()
        {
            var feed = Path.Combine(_work, "feed");
            var (packExit, packOutput) = DotNetCli.Run($"pack src/LambdaAnalyzers.Cli -c Release -o \"{feed}\" -p:Version={_version}");
            Assert.True(packExit == 0, packOutput);

            using var archive = ZipFile.OpenRead(Path.Combine(feed, $"LambdaAnalyzers.Review.{_version}.nupkg"));
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("icon.png", entries);
            Assert.Contains(entries, e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith("/lambda-review.dll", StringComparison.Ordinal));
            AssertReadmeLinksAreAbsolute(archive);

            var nuspec = XDocument.Load(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            AssertPackagePageMetadata(nuspec.Root!.Element(nuspec.Root.Name.Namespace + "metadata")!);
        }

        /// <summary>A gallery shows the packed README on its own: every link in it must be absolute, into the repository.</summary>
        private static void AssertReadmeLinksAreAbsolute(ZipArchive archive)
        {
            using var reader = new StreamReader(archive.GetEntry("README.md")!.Open());
            var readme = reader.ReadToEnd();
            var targets = System.Text.RegularExpressions.Regex.Matches(readme, @"\]\(([^)\s]+)\)").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(targets);
            Assert.All(targets, target => Assert.True(target.StartsWith(Meta.DocumentationTests.RepositoryUrl + "/", StringComparison.Ordinal), $"relative link in the packed README: {target}"));
            Assert.Contains(Meta.DocumentationTests.RepositoryUrl + "/blob/main/docs/", readme, StringComparison.Ordinal);
        }

        private static void AssertPackagePageMetadata(XElement metadata)
        {
            var ns = metadata.Name.Namespace;
            Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
            Assert.Equal("icon.png", metadata.Element(ns + "icon")?.Value);
            Assert.Equal(Meta.DocumentationTests.RepositoryUrl, metadata.Element(ns + "projectUrl")?.Value);
            Assert.Equal(Meta.DocumentationTests.RepositoryUrl, metadata.Element(ns + "repository")?.Attribute("url")?.Value);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temp folder is cleaned by the OS.
            }
        }

        private static string Template(string typeAndMethod) => $"""
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: Consumer::{typeAndMethod}
            """;

        private string WriteConsumer(string feed)
        {
            var directory = Path.Combine(_work, "Consumer");
            Directory.CreateDirectory(directory);
            var standIns = typeof(Amazon.Lambda.Core.ILambdaContext).Assembly.Location;
            File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <SuppressTfmSupportBuildWarnings>true</SuppressTfmSupportBuildWarnings>
                    <NoWarn>NU1603</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="LambdaAnalyzers" Version="{_version}" />
                    <PackageReference Include="AWSSDK.S3" Version="4.1.0" />
                    <Reference Include="{standIns}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "template.yaml"), Template("Handler::Handel"));
            File.WriteAllText(Path.Combine(directory, "Handler.cs"), """
                using System.Threading.Tasks;
                using Amazon.Lambda.Core;
                using Amazon.S3;

                public class Handler
                {
                    public async Task Handle(System.IO.Stream input, ILambdaContext context)
                    {
                        var s3 = new AmazonS3Client();
                        await s3.ListBucketsAsync();
                    }
                }
                """);
            return Path.Combine(directory, "Consumer.csproj");
        }
    }
}
