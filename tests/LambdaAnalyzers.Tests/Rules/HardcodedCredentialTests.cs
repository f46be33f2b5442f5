using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using HardcodedVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HardcodedCredentialAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
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

        [Fact]
        public Task PlaceholderValues_DoNotTrigger() => HardcodedVerify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class Settings
            {
                public string DefaultPassword = "defaultPassword";
                public string ApiKey = "your-api-key";
                public string PartnerApiKey = "YOUR_PARTNER_API_KEY";
                public string WebhookSecret = "<webhook-secret>";
                public string SigningSecret = "xxxxxxxxxxxxxxxx";
                public string AccessToken = "xxx-replace-me";
                public string ClientSecret = "dummy";
                public string Password = "test";
                public string TestPassword = "test-password-1";
                public string FakeToken = "fake-token-123";
                public string StubSecret = "stub";
                public string LocalPassword = "local";
                public string SampleSecret = "example";
                public string LocalConnection = "Host=localhost;Username=app;Password=test";

                public static async Task<string> LoadApiKeyAsync(Func<Task<string>> fetch)
                {
                    string apiKey;
                    try
                    {
                        apiKey = await fetch();
                    }
                    catch (Exception)
                    {
                        apiKey = "default-key";
                    }

                    return apiKey;
                }
            }
            """);

        [Fact]
        public Task RealLookingValues_BesidePlaceholderWords_Trigger() => HardcodedVerify.VerifyAsync("""
            using Amazon.Lambda.Core;

            public class Settings
            {
                public string DefaultedPassword = {|#0:"Tr0ub4dor&3"|};
                public string Password = {|#1:"defaultpw-9f8e7d"|};
                public string StorageConnection = {|#2:"Server=db;User Id=app;Password=Winter2024!"|};
            }
            """,
            Error(0, "The value of 'DefaultedPassword'"), Error(1, "The value of 'Password'"), Error(2, "A connection string with a password"));

        [Fact]
        public Task LiteralsForCredentialAndClientParameters_Trigger() => HardcodedVerify.VerifyAsync("""
            using System.Net;
            using Amazon.Lambda.Core;

            public class PartnerCredentials
            {
                public PartnerCredentials(string clientId, string clientSecret) { }
            }

            public class PaymentClient
            {
                public PaymentClient(string apiKey) { }
            }

            public static class Clients
            {
                public static object Build() => new object[]
                {
                    new NetworkCredential("svc-orders", {|#0:"Tr0ub4dor&3"|}),
                    new PartnerCredentials("orders", clientSecret: {|#1:"9f8e7d6c5b4a3f2e"|}),
                    new PaymentClient({|#2:"sk_live_51H8s9dKq"|}),
                };
            }
            """,
            Error(0, "The value of 'password'"), Error(1, "The value of 'clientSecret'"), Error(2, "The value of 'apiKey'"));

        [Fact]
        public Task LiteralsForTokenOrKeyParametersOfJsonParsingAndCollections_DoNotTrigger() => HardcodedVerify.VerifyAsync("""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;

            public class JsonPatchWriter
            {
                public void SetToken(string path, string token) { }
            }

            public class Lexer
            {
                public bool Accept(string token) => true;
            }

            public static class Payloads
            {
                public static void Build(JsonPatchWriter writer, Lexer lexer)
                {
                    writer.SetToken("$.auth", "eyJhbGciOiJIUzI1NiJ9");
                    lexer.Accept(token: "BEGIN_SECRET_BLOCK");
                    var headers = new Dictionary<string, string>();
                    headers.Add("token", "eyJhbGciOiJIUzI1NiJ9");
                    headers.TryAdd("apiKey", "x-9f8e7d6c5b4a");
                }
            }
            """);

        [Fact]
        public Task ResourceAndPointerNames_DoNotTrigger() => HardcodedVerify.VerifyAsync("""
            using Amazon.Lambda.Core;

            public static class Names
            {
                public const string TokenStoreBucket = "orders-token-store";
                public const string SECRETS_TABLE = "orders-secrets";
                public const string PASSWORD_RESET_QUEUE = "password-reset-requests";
                public const string API_KEY_PARAMETER_NAME = "orders-api-key";
                public const string DB_PASSWORD_ARN = "orders-db-password";
                public const string ClientSecretId = "orders-client-secret";
                public const string PartnerTokenParameterName = "partner-token";
            }
            """);

        private const string TestFixture = """
            using Amazon.Lambda.Core;

            public class HandlerTests
            {
                private const string DbPassword = "fixture-Pa55w0rd";
            }
            """;

        [Fact]
        public async Task TestProject_DoesNotTrigger_UnlessIncluded()
        {
            var skipped = new HardcodedVerify.AnalyzerTest { TestCode = TestFixture };
            skipped.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = true\n"));
            await skipped.RunAsync();

            var byReference = new HardcodedVerify.AnalyzerTest { TestCode = TestFixture };
            byReference.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location));
            await byReference.RunAsync();

            var included = new HardcodedVerify.AnalyzerTest { TestCode = TestFixture.Replace("\"fixture-Pa55w0rd\"", "{|LAM102:\"fixture-Pa55w0rd\"|}") };
            included.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location));
            included.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nlambda_analyzers.include_test_projects = true\n"));
            await included.RunAsync();
        }

        private static DiagnosticResult Error(int location, string what)
            => new DiagnosticResult("LAM102", DiagnosticSeverity.Error).WithLocation(location).WithArguments(what);

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => HardcodedVerify.VerifyWithoutLambdaPackageAsync("""
            using Amazon.Runtime;

            public class Config
            {
                public const string StripeApiKey = "sk_live_51H8s9dKq";
                public static string Connection = "Host=db;Username=app;Password=s3cr3t-Pa55";

                public static AWSCredentials Credentials() => new BasicAWSCredentials("AKIAZ7Q4ABCDEFGHIJKM", "wJalrXUtnFEMI/K7MDENG");
            }
            """);
    }
}
