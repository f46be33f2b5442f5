using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
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
                    var d = {|#3:config.GetConnectionString("OrdersPassword")|};
                    var e = {|#4:config.GetSection("jwtSigningSecret").Value|};
                    var f = {|#5:Environment.GetEnvironmentVariables()["githubToken"]|};
                    var g = {|#6:config.GetValue<string>("Smtp:Password")|};
                }
            }
            """,
            Key(0, "DB_PASSWORD"), Key(1, "DB_API_KEY"), Key(2, "Stripe:ApiKey"), Key(3, "ConnectionStrings:OrdersPassword"),
            Key(4, "jwtSigningSecret"), Key(5, "githubToken"), Key(6, "Smtp:Password"));

        /// <summary>
        /// A connection string's name alone does not show a secret (IAM authentication, a local database, a
        /// broker URL carry none); a password word in the name, or a default with a password next to the
        /// look-up, does.
        /// </summary>
        [Fact]
        public Task BareConnectionStringKey_DoesNotTrigger() => PlaintextVerify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.Configuration;

            public static class Settings
            {
                public static void Load(IConfiguration config)
                {
                    var a = config["ConnectionString"];
                    var b = config.GetConnectionString("Orders");
                    var c = Environment.GetEnvironmentVariable("DB_CONNECTION_STRING") ?? "Host=localhost;Database=orders";
                    var d = config.GetValue<string>("ConnectionStrings:Default");
                }
            }
            """);

        [Fact]
        public Task ConnectionStringKeyShowingCredentials_Triggers() => PlaintextVerify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.Configuration;

            public static class Settings
            {
                public static void Load(IConfiguration config)
                {
                    var a = {|#0:config["ConnectionString"]|} ?? "Host=localhost;Username=app;Password=postgres";
                    var b = {|#1:config.GetValue<string>("ConnectionStrings:Orders", "Server=db;User Id=sa;Pwd=local")|};
                    var c = {|#2:Environment.GetEnvironmentVariable("DB_CONNECTION_STRING_WITH_PASSWORD")|};
                    var d = {|#3:Environment.GetEnvironmentVariable("DB_PASSWORD")|};
                }
            }
            """,
            Key(0, "ConnectionString"), Key(1, "ConnectionStrings:Orders"), Key(2, "DB_CONNECTION_STRING_WITH_PASSWORD"), Key(3, "DB_PASSWORD"));

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
        public Task ResourceNamedBySecretWord_DoesNotTrigger() => PlaintextVerify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.Configuration;

            public static class Settings
            {
                public static void Load(IConfiguration config)
                {
                    var bucket = Environment.GetEnvironmentVariable("TokenStoreBucket");
                    var secretsTable = Environment.GetEnvironmentVariable("SECRETS_TABLE");
                    var secretTable = Environment.GetEnvironmentVariable("SECRET_TABLE");
                    var queue = Environment.GetEnvironmentVariable("PASSWORD_RESET_QUEUE");
                    var parameterName = Environment.GetEnvironmentVariable("API_KEY_PARAMETER_NAME");
                    var topic = Environment.GetEnvironmentVariable("PASSWORD_CHANGED_TOPIC");
                    var stream = config["Auth:TokenStream"];
                    var store = config["TokenStore"];
                    var endpoint = config["Auth:TokenEndpoint"];
                    var arn = Environment.GetEnvironmentVariable("API_TOKEN_ARN");
                }
            }
            """);

        [Fact]
        public Task SecretWordAfterAResourceNoun_Triggers() => PlaintextVerify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;

            public static class Settings
            {
                public static void Load()
                {
                    var keystore = {|#0:Environment.GetEnvironmentVariable("KEY_STORE_PASSWORD")|};
                    var queue = {|#1:Environment.GetEnvironmentVariable("QUEUE_API_KEY")|};
                    var bucket = {|#2:Environment.GetEnvironmentVariable("BucketAccessToken")|};
                }
            }
            """,
            Key(0, "KEY_STORE_PASSWORD"), Key(1, "QUEUE_API_KEY"), Key(2, "BucketAccessToken"));

        [Fact]
        public Task ValueUsedAsTheNameOfASecret_DoesNotTrigger() => PlaintextVerify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class Handler
            {
                private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
                private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();
                private static readonly HttpClient Http = new();
                private static readonly string DbSecret = Environment.GetEnvironmentVariable("DB_SECRET") ?? "orders/db";
                private string ApiToken { get; } = Environment.GetEnvironmentVariable("API_TOKEN")!;
                private readonly string _reportingSecret = Environment.GetEnvironmentVariable("REPORTING_DB_SECRET")!;

                public async Task<string> Handle(string input, ILambdaContext context)
                {
                    var secretId = Environment.GetEnvironmentVariable("RDS_SECRET");
                    var db = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId });
                    var direct = await Secrets.GetSecretValueAsync(new GetSecretValueRequest
                    {
                        SecretId = Environment.GetEnvironmentVariable("PARTNER_SECRET") ?? throw new InvalidOperationException("missing"),
                    });
                    var shared = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = DbSecret });
                    var token = await Ssm.GetParameterAsync(new GetParameterRequest { Name = ApiToken, WithDecryption = true });
                    var many = await Ssm.GetParametersAsync(new GetParametersRequest
                    {
                        Names = new List<string> { Environment.GetEnvironmentVariable("SIGNING_SECRET")!, Environment.GetEnvironmentVariable("WEBHOOK_TOKEN")! },
                        WithDecryption = true,
                    });
                    var viaHelper = await FetchAsync(Environment.GetEnvironmentVariable("STRIPE_API_KEY_SECRET")!) + await FetchAsync(_reportingSecret);
                    var extension = Environment.GetEnvironmentVariable("PAYMENT_SECRET");
                    var cached = await Http.GetStringAsync($"http://localhost:2773/secretsmanager/get?secretId={Uri.EscapeDataString(extension!)}");
                    return db.SecretString + direct.SecretString + shared.SecretString + token.Parameter.Value + many.Parameters.Count + viaHelper + cached;
                }

                private static async Task<string> FetchAsync(string secretName)
                    => (await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretName })).SecretString;
            }
            """);

        [Fact]
        public Task ValueUsedAsASecret_NotAsAName_Triggers() => PlaintextVerify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement.Model;

            public class Handler
            {
                private static readonly string DbSecret = {|#0:Environment.GetEnvironmentVariable("DB_SECRET")|} ?? "";

                public string Handle(string input, ILambdaContext context)
                {
                    var token = {|#1:Environment.GetEnvironmentVariable("API_TOKEN")|};
                    using var request = new HttpRequestMessage(HttpMethod.Get, "https://partner.example.com");
                    request.Headers.Add("Authorization", "Bearer " + token);
                    var parameters = new Dictionary<string, string> { ["Name"] = {|#2:Environment.GetEnvironmentVariable("SIGNING_SECRET")|}! };
                    var put = new PutParameterRequest { Value = {|#3:Environment.GetEnvironmentVariable("WEBHOOK_TOKEN")|} };
                    return "Host=db;Password=" + DbSecret + parameters.Count + put.Name;
                }
            }
            """,
            Key(0, "DB_SECRET"), Key(1, "API_TOKEN"), Key(2, "SIGNING_SECRET"), Key(3, "WEBHOOK_TOKEN"));

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

        private const string TestFixture = """
            using System;
            using Amazon.Lambda.Core;

            public class HandlerTests
            {
                public void Reads_the_password()
                {
                    Environment.SetEnvironmentVariable("DB_PASSWORD", "fixture");
                    var password = Environment.GetEnvironmentVariable("DB_PASSWORD");
                }
            }
            """;

        [Fact]
        public async Task TestProject_ByIsTestProject_DoesNotTrigger()
        {
            var test = new PlaintextVerify.AnalyzerTest { TestCode = TestFixture };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
                is_global = true
                build_property.IsTestProject = true
                """));
            await test.RunAsync();
        }

        [Fact]
        public async Task TestProject_ByTestFrameworkReference_DoesNotTrigger()
        {
            var test = new PlaintextVerify.AnalyzerTest { TestCode = TestFixture };
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location));
            await test.RunAsync();
        }

        [Fact]
        public async Task TestProject_Included_Triggers()
        {
            var test = new PlaintextVerify.AnalyzerTest { TestCode = TestFixture.Replace("var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\");", "var password = {|LAM101:Environment.GetEnvironmentVariable(\"DB_PASSWORD\")|};") };
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
                is_global = true
                build_property.IsTestProject = true
                lambda_analyzers.include_test_projects = true
                """));
            await test.RunAsync();
        }

        [Fact]
        public async Task NoLambdaReference_ButAHandlerNamedByADeploymentFile_Triggers()
        {
            var test = new PlaintextVerify.AnalyzerTest(withLambda: false)
            {
                TestCode = """
                    using System;
                    using System.IO;

                    namespace Orders
                    {
                        public class StreamHandler
                        {
                            public Stream Handle(Stream input)
                            {
                                var key = {|LAM101:Environment.GetEnvironmentVariable("PARTNER_API_KEY")|};
                                return input;
                            }
                        }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add(("aws-lambda-tools-defaults.json", """
                { "function-handler": "TestProject::Orders.StreamHandler::Handle" }
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

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => PlaintextVerify.VerifyWithoutLambdaPackageAsync("""
            using System;
            using Microsoft.Extensions.Configuration;

            public static class Settings
            {
                public static void Load(IConfiguration config)
                {
                    var a = Environment.GetEnvironmentVariable("DB_PASSWORD");
                    var b = config["Stripe:ApiKey"];
                }
            }
            """);
    }
}
