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
}
