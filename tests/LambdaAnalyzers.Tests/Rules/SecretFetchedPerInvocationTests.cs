using FetchVerify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SecretFetchedPerInvocationAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
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

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => FetchVerify.VerifyWithoutLambdaPackageAsync("""
            using System.Threading.Tasks;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class Handler
            {
                private static readonly AmazonSimpleSystemsManagementClient Ssm = new();

                public async Task<string> Handle(string input)
                {
                    var parameter = await Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-password", WithDecryption = true });
                    return parameter.Parameter.Value;
                }
            }
            """);
    }
}
