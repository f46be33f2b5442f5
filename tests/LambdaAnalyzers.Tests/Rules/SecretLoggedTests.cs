using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using LoggedVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SecretLoggedAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class SecretLoggedTests
    {
        [Fact]
        public Task SecretsAndTextBuiltFromThem_ReachingLogSinks_Trigger() => LoggedVerify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class Handler
            {
                private static readonly AmazonSecretsManagerClient Secrets = new();
                private static readonly AmazonSimpleSystemsManagementClient Ssm = new();

                public async Task Handle(string input, ILambdaContext context)
                {
                    var password = Environment.GetEnvironmentVariable("DB_PASSWORD");
                    var connection = "Host=db;Password=" + password;
                    {|#0:context.Logger.LogLine($"connecting with {connection}")|};

                    var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "db" });
                    {|#1:Console.WriteLine(secret.SecretString)|};

                    var parameter = await Ssm.GetParameterAsync(new GetParameterRequest { Name = "/db/password", WithDecryption = true });
                    {|#2:LambdaLogger.Log(string.Format("value: {0}", parameter.Parameter.Value.Trim()))|};
                    {|#3:Console.Error.WriteLine(password)|};
                }
            }
            """,
            LoggedVerify.Diagnostic("LAM103").WithLocation(0).WithArguments("ILambdaLogger.LogLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(1).WithArguments("Console.WriteLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(2).WithArguments("LambdaLogger.Log"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(3).WithArguments("TextWriter.WriteLine"));

        [Fact]
        public Task MetadataAndDerivedFacts_DoNotTrigger() => LoggedVerify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public class Handler
            {
                private static readonly AmazonSecretsManagerClient Secrets = new();

                public async Task Handle(string input, ILambdaContext context)
                {
                    var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "db" });
                    context.Logger.LogLine($"fetched {secret.Name} ({secret.ARN}) version {secret.VersionId}");
                    context.Logger.LogLine("length " + secret.SecretString.Length);
                    context.Logger.LogLine("empty: " + string.IsNullOrEmpty(secret.SecretString));
                    var password = Environment.GetEnvironmentVariable("DB_PASSWORD");
                    Console.WriteLine("hash " + password!.GetHashCode());
                    Console.WriteLine(Environment.GetEnvironmentVariable("TABLE_NAME"));
                }
            }
            """);

        [Fact]
        public Task SecretAcrossMethods_ReturnsFieldsPropertiesParametersAndBuilders_Trigger() => LoggedVerify.VerifyAsync("""
            using System;
            using System.Text;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public class Handler
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
                private static string? s_apiKey;
                private readonly Settings _settings = new();

                public async Task Handle(string input, ILambdaContext context)
                {
                    var password = await GetDbPasswordAsync();
                    {|#0:context.Logger.LogLine(BuildConnectionString(password))|};

                    s_apiKey = (await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "partner" })).SecretString;
                    new Audit(context.Logger).Write("partner key", s_apiKey);

                    {|#2:Console.WriteLine("settings: " + _settings.Token)|};
                    {|#3:Console.WriteLine(_settings.ConnectionString)|};
                    {|#4:Console.WriteLine(string.Format("key {0}", ApiKey()))|};
                    Trace(context, "db", password);
                }

                private static void Trace(ILambdaContext context, string what, string value) => {|#5:context.Logger.LogLine($"{what}: {value}")|};

                private static string ApiKey() => s_apiKey ?? "";

                private static string BuildConnectionString(string password)
                {
                    var builder = new StringBuilder("Host=db;");
                    builder.Append("Username=app;").Append("Password=").Append(password);
                    return builder.ToString();
                }

                private static async Task<string> GetDbPasswordAsync()
                    => (await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "db" })).SecretString;
            }

            public class Audit
            {
                private readonly ILambdaLogger _logger;

                public Audit(ILambdaLogger logger) => _logger = logger;

                public void Write(string what, string value) => {|#1:_logger.LogLine($"{what}: {value}")|};
            }

            public class Settings
            {
                public string Token { get; } = Environment.GetEnvironmentVariable("API_TOKEN") ?? "";

                private string Password { get; set; } = "";

                public string ConnectionString => $"Host=db;Password={Password}";

                public Settings() => Password = Environment.GetEnvironmentVariable("DB_PASSWORD") ?? "";
            }
            """,
            LoggedVerify.Diagnostic("LAM103").WithLocation(0).WithArguments("ILambdaLogger.LogLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(1).WithArguments("ILambdaLogger.LogLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(2).WithArguments("Console.WriteLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(3).WithArguments("Console.WriteLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(4).WithArguments("Console.WriteLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(5).WithArguments("ILambdaLogger.LogLine"));

        [Fact]
        public Task MetadataAndNonSecretsAcrossMethods_DoNotTrigger() => LoggedVerify.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public class Handler
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
                private static readonly string SecretName = Environment.GetEnvironmentVariable("DB_SECRET") ?? "orders/db";

                public async Task Handle(string input, ILambdaContext context)
                {
                    context.Logger.LogLine("fetched " + await SecretNameAsync());
                    context.Logger.LogLine("length " + await PasswordLengthAsync());
                    context.Logger.LogLine("masked " + Mask(await PasswordAsync()));
                    context.Logger.LogLine("fingerprint " + Fingerprint(await PasswordAsync()));
                    context.Logger.LogLine("pending " + PasswordAsync());
                    context.Logger.LogLine($"reading secret {SecretName}");
                    Log(context, input);
                    Console.WriteLine(Countdown(3));
                }

                private static void Log(ILambdaContext context, string message) => context.Logger.LogLine(message);

                private static async Task<string> SecretNameAsync() => (await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = SecretName })).Name;

                private static async Task<int> PasswordLengthAsync() => (await PasswordAsync()).Length;

                private static async Task<string> PasswordAsync() => (await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = SecretName })).SecretString;

                private static string Mask(string secret) => new string('*', secret.Length);

                private static string Fingerprint(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

                private static string Countdown(int n) => n == 0 ? "go" : Countdown(n - 1);
            }

            public class Other
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();

                public async Task Run(ILambdaLogger logger)
                {
                    var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "x" });
                    Log(logger, secret.SecretString.Length.ToString());
                }

                private static void Log(ILambdaLogger logger, string message) => logger.LogLine(message);
            }
            """);

        [Fact]
        public Task SecretNamedPartsOfADeserializedSecret_Trigger_OtherPartsDoNot() => LoggedVerify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public record DbCredentials(string Username, string Password, string Host);

            public class Handler
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();

                public async Task Handle(string input, ILambdaContext context)
                {
                    var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "rds" });
                    var credentials = JsonSerializer.Deserialize<DbCredentials>(secret.SecretString)!;
                    context.Logger.LogLine($"connecting to {credentials.Host} as {credentials.Username}");
                    {|#0:context.Logger.LogLine($"Host={credentials.Host};Password={credentials.Password}")|};

                    var values = JsonSerializer.Deserialize<Dictionary<string, string>>(secret.SecretString)!;
                    context.Logger.LogLine("user " + values["username"]);
                    {|#1:context.Logger.LogLine("password " + values["password"])|};

                    using var document = JsonDocument.Parse(secret.SecretString);
                    context.Logger.LogLine("engine " + document.RootElement.GetProperty("engine").GetString());
                    {|#2:Console.WriteLine(document.RootElement.GetProperty("apiKey").GetString())|};

                    var settings = JsonSerializer.Deserialize<DbCredentials>(input)!;
                    Console.WriteLine(settings.Password);
                }
            }
            """,
            LoggedVerify.Diagnostic("LAM103").WithLocation(0).WithArguments("ILambdaLogger.LogLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(1).WithArguments("ILambdaLogger.LogLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(2).WithArguments("Console.WriteLine"));

        [Fact]
        public Task RecursiveHelpers_StillFollowed() => LoggedVerify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;

            public class Handler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    {|#0:context.Logger.LogLine(Token(2))|};
                    context.Logger.LogLine(Depth(2));
                }

                private static string Token(int retries) => retries == 0 ? Environment.GetEnvironmentVariable("API_TOKEN") ?? "" : Token(retries - 1);

                private static string Depth(int n) => n == 0 ? "" : Depth(n - 1) + "+";
            }
            """,
            LoggedVerify.Diagnostic("LAM103").WithLocation(0).WithArguments("ILambdaLogger.LogLine"));

        private const string LeakingHandler = """
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    var password = Environment.GetEnvironmentVariable("DB_PASSWORD");
                    var connectionString = $"Host=db;Username=app;Password={password}";
                    context.Logger.LogLine("connecting: " + connectionString);
                    await Task.Yield();
                    return orderId;
                }
            }
            """;

        private const string FetchingHandler = """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public class OrderHandler
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();

                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "orders/db" });
                    var connectionString = "Host=db;Username=app;Password=" + secret.SecretString;
                    context.Logger.LogLine("connecting: " + connectionString);
                    return orderId;
                }
            }
            """;

        /// <summary>
        /// A fix that moves the secret behind a getter must not hide where it is logged: the leak is reported
        /// before the fix, the fix is applied as the IDE applies it, and the leak is reported again on the fixed
        /// code, at the same log call.
        /// </summary>
        [Theory]
        [InlineData(LeakingHandler, "LAM101", "LambdaAnalyzers.ReadSecretFrom.Parameter Store", "GetDbPasswordAsync()")]
        [InlineData(LeakingHandler, "LAM101", "LambdaAnalyzers.ReadSecretFrom.Secrets Manager", "GetDbPasswordAsync()")]
        [InlineData(FetchingHandler, "LAM005", "LambdaAnalyzers.CacheSecretFetch", "GetOrdersDbAsync()")]
        public async Task SecretLoggedAfterTheSecretFixIsApplied_StillTriggers(string source, string fixedRule, string fix, string getter)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: TestReferences.Framework.AddRange(TestReferences.Packages)));
            var document = workspace.AddDocument(project.Id, "OrderHandler.cs", SourceText.From(source));

            var before = await AnalyzeAsync(document);
            Assert.Equal(new[] { fixedRule, "LAM103" }, before.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
            var logLine = LineOf(before.Single(d => d.Id == "LAM103"));

            CodeFixProvider fixer = fixedRule == "LAM101" ? new LambdaAnalyzers.CodeFixes.Rules.ReadSecretFromStoreFixer() : new LambdaAnalyzers.CodeFixes.Rules.CacheSecretFetchFixer();
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, before.Single(d => d.Id == fixedRule), (action, _) => actions.Add(action), CancellationToken.None));
            var operations = await actions.Single(a => a.EquivalenceKey == fix).GetOperationsAsync(CancellationToken.None);
            var fixedDocument = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
            var fixedText = (await fixedDocument.GetTextAsync()).ToString();
            Assert.Contains(getter, fixedText, StringComparison.Ordinal);

            var compilation = (await fixedDocument.Project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var after = await AnalyzeAsync(fixedDocument);
            var leak = Assert.Single(after);
            Assert.Equal("LAM103", leak.Id);
            Assert.Contains("context.Logger.LogLine(\"connecting: \" + connectionString)", fixedText.Split('\n')[LineOf(leak)], StringComparison.Ordinal);
            Assert.Contains("context.Logger.LogLine(\"connecting: \" + connectionString)", source.Split('\n')[logLine], StringComparison.Ordinal);
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
        {
            var compilation = (await document.Project.GetCompilationAsync())!;
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
                new LambdaAnalyzers.Rules.PlaintextSecretAnalyzer(),
                new LambdaAnalyzers.Rules.SecretFetchedPerInvocationAnalyzer(),
                new LambdaAnalyzers.Rules.SecretLoggedAnalyzer());
            return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        }

        private static int LineOf(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line;

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => LoggedVerify.VerifyWithoutLambdaPackageAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class Handler
            {
                private static readonly AmazonSimpleSystemsManagementClient Ssm = new();

                public async Task Handle(string input)
                {
                    var parameter = await Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-password", WithDecryption = true });
                    Console.WriteLine("password: " + parameter.Parameter.Value);
                }
            }
            """);
    }
}
