using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using FetchVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SecretFetchedPerInvocationAnalyzer>;
using HardcodedVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HardcodedCredentialAnalyzer>;
using LoggedVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SecretLoggedAnalyzer>;
using PlaintextVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.PlaintextSecretAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class PlaintextSecretTests
    {
        [Fact]
        public Task SecretNamedLookups_InAnyStyle_Trigger() => PlaintextVerify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.Configuration;

            public static class Settings
            {
                private const string Prefix = "DB";

                public static void Load(IConfiguration config)
                {
                    var a = {|#0:Environment.GetEnvironmentVariable("DB_PASSWORD")|};
                    var b = {|#1:Environment.GetEnvironmentVariable(Prefix + "_API_KEY")|};
                    var c = {|#2:config["Stripe:ApiKey"]|};
                    var d = {|#3:config.GetConnectionString("Orders")|};
                    var e = {|#4:config.GetSection("jwtSigningSecret").Value|};
                    var f = {|#5:Environment.GetEnvironmentVariables()["githubToken"]|};
                    var g = {|#6:config.GetValue<string>("Smtp:Password")|};
                }
            }
            """,
            Key(0, "DB_PASSWORD"), Key(1, "DB_API_KEY"), Key(2, "Stripe:ApiKey"), Key(3, "ConnectionStrings:Orders"),
            Key(4, "jwtSigningSecret"), Key(5, "githubToken"), Key(6, "Smtp:Password"));

        [Fact]
        public Task PointersReservedVariablesAndOrdinarySettings_DoNotTrigger() => PlaintextVerify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;

            public static class Settings
            {
                public static void Load()
                {
                    var arn = Environment.GetEnvironmentVariable("DB_SECRET_ARN");
                    var parameter = Environment.GetEnvironmentVariable("DB_PASSWORD_PARAMETER");
                    var name = Environment.GetEnvironmentVariable("API_KEY_NAME");
                    var url = Environment.GetEnvironmentVariable("TOKEN_URL");
                    var ttl = Environment.GetEnvironmentVariable("SECRET_TTL_SECONDS");
                    var session = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");
                    var region = Environment.GetEnvironmentVariable("AWS_REGION");
                    var table = Environment.GetEnvironmentVariable("TABLE_NAME");
                    var dynamic = Environment.GetEnvironmentVariable(table ?? "x");
                }
            }
            """);

        [Fact]
        public Task KmsDecryptedVariable_DoesNotTrigger() => PlaintextVerify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;
            using Amazon.KeyManagementService.Model;
            using Amazon.Lambda.Core;

            public class Handler
            {
                private static readonly AmazonKeyManagementServiceClient Kms = new();

                public async Task<string> Handle(string input, ILambdaContext context)
                {
                    var encrypted = Environment.GetEnvironmentVariable("DB_PASSWORD");
                    var response = await Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(Convert.FromBase64String(encrypted!)) });
                    return response.KeyId;
                }
            }
            """);

        [Fact]
        public async Task Patterns_AreConfigurable()
        {
            var test = new PlaintextVerify.AnalyzerTest
            {
                TestCode = """
                    using System;
                    using Amazon.Lambda.Core;

                    public static class Settings
                    {
                        public static void Load()
                        {
                            var pin = {|LAM101:Environment.GetEnvironmentVariable("CARD_PIN")|};
                            var password = Environment.GetEnvironmentVariable("DB_PASSWORD_REF");
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.secret_name_patterns = pin, password
                lambda_analyzers.non_secret_name_patterns = ref
                """));
            await test.RunAsync();
        }

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => PlaintextVerify.VerifyWithoutLambdaReferencesAsync("""
            public static class Settings
            {
                public static string? Password => System.Environment.GetEnvironmentVariable("DB_PASSWORD");
            }
            """);

        private static DiagnosticResult Key(int location, string key) => PlaintextVerify.Diagnostic("LAM101").WithLocation(location).WithArguments(key);
    }

    public class HardcodedCredentialTests
    {
        [Fact]
        public Task KeysCredentialsConnectionStringsAndSecretNamedMembers_Trigger() => HardcodedVerify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.Runtime;

            public class Config
            {
                public const string StripeApiKey = {|#0:"sk_live_51H8s9dKq"|};
                public string DbPassword { get; set; } = {|#1:"hunter2!"|};

                public static AWSCredentials Credentials() => {|#2:new BasicAWSCredentials("AKIAZ7Q4ABCDEFGHIJKM", "wJalrXUtnFEMI/K7MDENG")|};

                public static string AccessKey = {|#3:"AKIAZ7Q4ABCDEFGHIJKL"|};
                public static string Connection = {|#4:"Host=db;Username=app;Password=s3cr3t-Pa55"|};

                public static Config Build()
                {
                    var clientSecret = {|#5:"9f8e7d6c5b4a"|};
                    return new Config { DbPassword = {|#6:"0penSesame"|} };
                }
            }
            """,
            Error(0, "The value of 'StripeApiKey'"), Error(1, "The value of 'DbPassword'"), Error(2, "'BasicAWSCredentials' built from literal keys"),
            Error(3, "An AWS access key ID"), Error(4, "A connection string with a password"), Error(5, "The value of 'clientSecret'"), Error(6, "The value of 'DbPassword'"));

        [Fact]
        public Task FixturesInsideTestMethods_DoNotTrigger_TheSameOutsideDo() => HardcodedVerify.VerifyAsync(""""
            using System;
            using Amazon.Lambda.Core;
            using Amazon.Runtime;

            namespace Xunit
            {
                public class FactAttribute : Attribute { }
                public class TheoryAttribute : FactAttribute { }
                public class InlineDataAttribute : Attribute { public InlineDataAttribute(params object[] data) { } }
            }

            public class RetryFactAttribute : Xunit.FactAttribute { }

            public class AnalyzerTests
            {
                [Xunit.Fact]
                public void FeedsSourceToAnAnalyzer() => Run("""
                    var connection = "Host=db;Password=s3cr3t-Value";
                    """);

                [Xunit.Theory]
                [Xunit.InlineData("AKIAZ7Q3XK4VN2LPBR5T")]
                public void Keys(string key) => Run(key + "AKIAZ7Q3XK4VN2LPBR5T");

                [RetryFact]
                public void Credentials() => GC.KeepAlive(new BasicAWSCredentials("AKIAZ7Q3XK4VN2LPBR5T", "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEYq"));

                private static void Run(string source) { }

                private static readonly string Helper = {|LAM102:"Host=db;Password=s3cr3t-Value"|};
            }
            """");

        [Fact]
        public Task PlaceholdersDocumentedExampleKeyPointersAndAssertions_DoNotTrigger() => HardcodedVerify.VerifyAsync("""
            using Amazon.Lambda.Core;

            public static class Assert { public static void Equal(string expected, string actual) { } }

            public class Config
            {
                public string DbPassword { get; set; } = "";
                public string ApiKey { get; set; } = "changeme";
                public string Token { get; set; } = "<token>";
                public string Secret { get; set; } = "${DB_SECRET}";
                public string ExampleKey = "AKIAIOSFODNN7EXAMPLE";
                public string DbPasswordParameterName = "/orders/db/password";
                public string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db";
                public const string ApiKeyRef = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:partner-key-Xy12Ab";
                public const string DbPasswordSecret = "/orders/db/password";
                public string Connection = "Host=db;Username=app;Password=";
                public string ConnectionString = "Host=db;Username=app;Integrated Security=true";

                public void Check() => Assert.Equal("hunter2!", DbPassword);
            }
            """);

        private static DiagnosticResult Error(int location, string what)
            => new DiagnosticResult("LAM102", DiagnosticSeverity.Error).WithLocation(location).WithArguments(what);
    }

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
                }
            }
            """,
            LoggedVerify.Diagnostic("LAM103").WithLocation(0).WithArguments("ILambdaLogger.LogLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(1).WithArguments("Console.WriteLine"),
            LoggedVerify.Diagnostic("LAM103").WithLocation(2).WithArguments("LambdaLogger.Log"));

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
    }

    public class SecretFetchedPerInvocationTests
    {
        [Fact]
        public Task FetchesInHandlerAndCallee_Trigger() => FetchVerify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class Handler
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();

                public async Task Handle(string input, ILambdaContext context)
                {
                    var secret = await {|#0:Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "db" })|};
                    await new Settings().LoadAsync();
                }
            }

            public class Settings
            {
                private static readonly AmazonSimpleSystemsManagementClient Ssm = new();

                public Task<GetParameterResponse> LoadAsync() => {|#1:Ssm.GetParameterAsync(new GetParameterRequest { Name = "/feature" })|};
            }
            """,
            FetchVerify.Diagnostic("LAM005").WithLocation(0).WithArguments("IAmazonSecretsManager.GetSecretValueAsync", "Handler.Handle", ""),
            FetchVerify.Diagnostic("LAM005").WithLocation(1).WithArguments("AmazonSimpleSystemsManagementClient.GetParameterAsync", "Handler.Handle", " (via Handler.Handle → Settings.LoadAsync)"));

        [Fact]
        public Task CachedFetches_DoNotTrigger() => FetchVerify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public class Handler
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
                private static readonly Lazy<Task<GetSecretValueResponse>> s_lazy = new(() => Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "a" }));
                private static GetSecretValueResponse? s_cached;
                private static string? s_refreshed;
                private static DateTime s_expires;

                public Handler()
                {
                    Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "init" }).Wait();
                }

                public async Task Handle(string input, ILambdaContext context)
                {
                    var lazy = await s_lazy.Value;
                    s_cached ??= await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "b" });
                    if (s_refreshed is null || DateTime.UtcNow > s_expires)
                    {
                        s_refreshed = (await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "c" })).SecretString;
                        s_expires = DateTime.UtcNow.AddMinutes(5);
                    }
                }
            }
            """);
    }
}
