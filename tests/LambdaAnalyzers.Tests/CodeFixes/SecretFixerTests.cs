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
using CacheFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.SecretFetchedPerInvocationAnalyzer, LambdaAnalyzers.CodeFixes.Rules.CacheSecretFetchFixer>;
using PlaintextFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.PlaintextSecretAnalyzer, LambdaAnalyzers.CodeFixes.Rules.ReadSecretFromStoreFixer>;

namespace LambdaAnalyzers.Tests.CodeFixes
{
    /// <summary>
    /// LAM101's fix against the real AWSSDK.SimpleSystemsManagement package (and the Secrets Manager
    /// stand-in, whose API shape is the real one's): the fixed code compiles, no longer reads the secret from
    /// the environment, and neither LAM005 nor LAM303 finds a per-invocation fetch in what it generated.
    /// </summary>
    public class SecretFixerTests
    {
        private const string ParameterStore = "LambdaAnalyzers.ReadSecretFrom.Parameter Store";
        private const string SecretsManager = "LambdaAnalyzers.ReadSecretFrom.Secrets Manager";

        [Fact]
        public async Task AsyncHandler_ReadsFromParameterStore_OncePerEnvironment()
        {
            var test = new PlaintextFix.CodeFixTest
            {
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;

                    public class OrderHandler
                    {
                        public async Task<int> Handle(string orderId, ILambdaContext context)
                        {
                            var password = {|LAM101:Environment.GetEnvironmentVariable("DB_PASSWORD")|};
                            await Task.Yield();
                            return password!.Length;
                        }
                    }
                    """,
                FixedCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.SimpleSystemsManagement;
                    using Amazon.SimpleSystemsManagement.Model;

                    public class OrderHandler
                    {
                        private static readonly IAmazonSimpleSystemsManagement s_parameterStore = new AmazonSimpleSystemsManagementClient();
                        private static string s_dbPassword;

                        public async Task<int> Handle(string orderId, ILambdaContext context)
                        {
                            var password = await GetDbPasswordAsync();
                            await Task.Yield();
                            return password!.Length;
                        }

                        private static async Task<string> GetDbPasswordAsync()
                        {
                            return s_dbPassword ??= (await s_parameterStore.GetParameterAsync(new GetParameterRequest
                            {
                                Name = Environment.GetEnvironmentVariable("DB_PASSWORD_PARAMETER") ?? throw new InvalidOperationException("Set DB_PASSWORD_PARAMETER to the parameter name"),
                                WithDecryption = true,
                            }).ConfigureAwait(false)).Parameter.Value;
                        }
                    }
                    """,
                CodeActionEquivalenceKey = ParameterStore,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task SyncHandler_NullableEnabled_GetsABlockingGetterThatRunsOnce()
        {
            var test = new PlaintextFix.CodeFixTest
            {
                TestCode = """
                    #nullable enable
                    using Amazon.Lambda.Core;

                    public class OrderHandler
                    {
                        public string Handle(string orderId, ILambdaContext context)
                        {
                            return "Host=db;Password=" + {|LAM101:System.Environment.GetEnvironmentVariable("stripeApiKey")|};
                        }
                    }
                    """,
                FixedCode = """
                    #nullable enable
                    using System;
                    using Amazon.Lambda.Core;
                    using Amazon.SimpleSystemsManagement;
                    using Amazon.SimpleSystemsManagement.Model;

                    public class OrderHandler
                    {
                        private static readonly IAmazonSimpleSystemsManagement s_parameterStore = new AmazonSimpleSystemsManagementClient();
                        private static string? s_stripeApiKey;

                        public string Handle(string orderId, ILambdaContext context)
                        {
                            return "Host=db;Password=" + GetStripeApiKey();
                        }

                        private static string GetStripeApiKey()
                        {
                            return s_stripeApiKey ??= s_parameterStore.GetParameterAsync(new GetParameterRequest
                            {
                                Name = Environment.GetEnvironmentVariable("stripeApiKeyParameter") ?? throw new InvalidOperationException("Set stripeApiKeyParameter to the parameter name"),
                                WithDecryption = true,
                            }).GetAwaiter().GetResult().Parameter.Value;
                        }
                    }
                    """,
                CodeActionEquivalenceKey = ParameterStore,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task SecretsManager_ReusesTheTypesClient_RenamesToSecretArn()
        {
            var test = new PlaintextFix.CodeFixTest
            {
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.SecretsManager;

                    public class OrderHandler
                    {
                        private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();

                        public async Task<string> Handle(string orderId, ILambdaContext context)
                            => ({|LAM101:Environment.GetEnvironmentVariable("PAYMENT_API_KEY")|} ?? "").Trim();
                    }
                    """,
                FixedCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.SecretsManager;
                    using Amazon.SecretsManager.Model;

                    public class OrderHandler
                    {
                        private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
                        private static string s_paymentApiKey;

                        public async Task<string> Handle(string orderId, ILambdaContext context)
                            => (await GetPaymentApiKeyAsync() ?? "").Trim();

                        private static async Task<string> GetPaymentApiKeyAsync()
                        {
                            return s_paymentApiKey ??= (await Secrets.GetSecretValueAsync(new GetSecretValueRequest
                            {
                                SecretId = Environment.GetEnvironmentVariable("PAYMENT_API_KEY_SECRET_ARN") ?? throw new InvalidOperationException("Set PAYMENT_API_KEY_SECRET_ARN to the secret ARN"),
                            }).ConfigureAwait(false)).SecretString;
                        }
                    }
                    """,
                CodeActionEquivalenceKey = SecretsManager,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task FixAll_OneClient_OneCachePerSecret_SameSecretShared()
        {
            var test = new PlaintextFix.CodeFixTest
            {
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;

                    public class OrderHandler
                    {
                        public async Task<string> Handle(string orderId, ILambdaContext context)
                        {
                            await Task.Yield();
                            var user = {|LAM101:Environment.GetEnvironmentVariable("DB_PASSWORD")|};
                            var again = {|LAM101:Environment.GetEnvironmentVariable("DB_PASSWORD")|};
                            var token = {|LAM101:Environment.GetEnvironmentVariable("API_TOKEN")|};
                            return user + again + token;
                        }
                    }
                    """,
                FixedCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.SimpleSystemsManagement;
                    using Amazon.SimpleSystemsManagement.Model;

                    public class OrderHandler
                    {
                        private static readonly IAmazonSimpleSystemsManagement s_parameterStore = new AmazonSimpleSystemsManagementClient();
                        private static string s_dbPassword;
                        private static string s_apiToken;

                        public async Task<string> Handle(string orderId, ILambdaContext context)
                        {
                            await Task.Yield();
                            var user = await GetDbPasswordAsync();
                            var again = await GetDbPasswordAsync();
                            var token = await GetApiTokenAsync();
                            return user + again + token;
                        }

                        private static async Task<string> GetDbPasswordAsync()
                        {
                            return s_dbPassword ??= (await s_parameterStore.GetParameterAsync(new GetParameterRequest
                            {
                                Name = Environment.GetEnvironmentVariable("DB_PASSWORD_PARAMETER") ?? throw new InvalidOperationException("Set DB_PASSWORD_PARAMETER to the parameter name"),
                                WithDecryption = true,
                            }).ConfigureAwait(false)).Parameter.Value;
                        }

                        private static async Task<string> GetApiTokenAsync()
                        {
                            return s_apiToken ??= (await s_parameterStore.GetParameterAsync(new GetParameterRequest
                            {
                                Name = Environment.GetEnvironmentVariable("API_TOKEN_PARAMETER") ?? throw new InvalidOperationException("Set API_TOKEN_PARAMETER to the parameter name"),
                                WithDecryption = true,
                            }).ConfigureAwait(false)).Parameter.Value;
                        }
                    }
                    """,
                CodeActionEquivalenceKey = ParameterStore,
            };
            await test.RunAsync();
        }

        [Theory]
        [InlineData("const string Key = \"DB_PASSWORD\"; var value = Environment.GetEnvironmentVariable(Key);", "Environment.GetEnvironmentVariable(Key)")]
        [InlineData("var value = Environment.GetEnvironmentVariable(nameof(DB_PASSWORD));", "Environment.GetEnvironmentVariable(nameof(DB_PASSWORD))")]
        public async Task KeyNotALiteral_NoFix(string statement, string read)
        {
            var source = $$"""
                using System;
                using Amazon.Lambda.Core;

                public class OrderHandler
                {
                    private const int DB_PASSWORD = 0;

                    public void Handle(string orderId, ILambdaContext context)
                    {
                        {{statement.Replace(read, "{|LAM101:" + read + "|}")}}
                    }
                }
                """;
            await PlaintextFix.VerifyNoFixAsync(source);
        }

        [Fact]
        public async Task FixedCode_HasNoPerInvocationFetch_NorBlockingOnThePath()
        {
            const string fixedSync = """
                using System;
                using Amazon.Lambda.Core;
                using Amazon.SimpleSystemsManagement;
                using Amazon.SimpleSystemsManagement.Model;

                public class OrderHandler
                {
                    private static readonly IAmazonSimpleSystemsManagement s_parameterStore = new AmazonSimpleSystemsManagementClient();
                    private static string s_dbPassword;

                    public string Handle(string orderId, ILambdaContext context) => GetDbPassword();

                    private static string GetDbPassword()
                    {
                        return s_dbPassword ??= s_parameterStore.GetParameterAsync(new GetParameterRequest
                        {
                            Name = Environment.GetEnvironmentVariable("DB_PASSWORD_PARAMETER") ?? throw new InvalidOperationException("Set DB_PASSWORD_PARAMETER to the parameter name"),
                            WithDecryption = true,
                        }).GetAwaiter().GetResult().Parameter.Value;
                    }
                }
                """;
            await LambdaVerifier<LambdaAnalyzers.Rules.SecretFetchedPerInvocationAnalyzer>.VerifyAsync(fixedSync);
            await LambdaVerifier<LambdaAnalyzers.Rules.BlockingOnAsyncAnalyzer>.VerifyAsync(fixedSync);
            await LambdaVerifier<LambdaAnalyzers.Rules.PlaintextSecretAnalyzer>.VerifyAsync(fixedSync);
        }

        [Fact]
        public async Task OfferedPerReferencedStore_OnlySecretsManager_WithoutTheSsmPackage()
        {
            const string source = """
                using System;
                using Amazon.Lambda.Core;

                public class OrderHandler
                {
                    public string Handle(string orderId, ILambdaContext context) => Environment.GetEnvironmentVariable("DB_PASSWORD");
                }
                """;

            var all = await TitlesAsync(source, TestReferences.Packages);
            Assert.Equal(2, all.Count);
            Assert.Contains("Read 'DB_PASSWORD' from Parameter Store once per environment (the variable becomes 'DB_PASSWORD_PARAMETER', holding its parameter name)", all);
            Assert.Contains("Read 'DB_PASSWORD' from Secrets Manager once per environment (the variable becomes 'DB_PASSWORD_SECRET_ARN', holding its secret ARN)", all);

            var withoutSsm = await TitlesAsync(source, TestReferences.Packages.Where(r => !(r.Display ?? "").Contains("SimpleSystemsManagement")));
            Assert.Equal(new[] { "Read 'DB_PASSWORD' from Secrets Manager once per environment (the variable becomes 'DB_PASSWORD_SECRET_ARN', holding its secret ARN)" }, withoutSsm);
        }

        [Fact]
        public Task Lam005_StaticClient_ConstantRequest_CachedResponse_AwaitKept() => CacheFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class OrderHandler
            {
                private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();

                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    var response = await {|LAM005:Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-password", WithDecryption = true })|};
                    return response.Parameter.Name;
                }
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class OrderHandler
            {
                private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();
                private static GetParameterResponse s_ordersDbPassword;

                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    var response = await GetOrdersDbPasswordAsync();
                    return response.Parameter.Name;
                }

                private static async Task<GetParameterResponse> GetOrdersDbPasswordAsync()
                {
                    return s_ordersDbPassword ??= await Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-password", WithDecryption = true }).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Lam005_PerInvocationClient_TokenDropped_StaticClientAdded() => CacheFix.VerifyFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public class OrderHandler
            {
                private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient();

                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    using var cancel = new CancellationTokenSource(context.RemainingTime);
                    var secret = await {|LAM005:_secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = Environment.GetEnvironmentVariable("PAYMENT_SECRET_ARN") }, cancel.Token)|};
                    return secret.SecretString;
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SecretsManager;
            using Amazon.SecretsManager.Model;

            public class OrderHandler
            {
                private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient();
                private static readonly IAmazonSecretsManager s_secretsManager = new AmazonSecretsManagerClient();
                private static GetSecretValueResponse s_secret;

                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    using var cancel = new CancellationTokenSource(context.RemainingTime);
                    var secret = await GetSecretAsync();
                    return secret.SecretString;
                }

                private static async Task<GetSecretValueResponse> GetSecretAsync()
                {
                    return s_secret ??= await s_secretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = Environment.GetEnvironmentVariable("PAYMENT_SECRET_ARN") }).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Lam005_FixAll_TwoParameters_TwoCaches() => CacheFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class OrderHandler
            {
                private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();

                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    var user = await {|LAM005:Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-user" })|};
                    var password = await {|LAM005:Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-password", WithDecryption = true })|};
                    return user.Parameter.Name + password.Parameter.Name;
                }
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class OrderHandler
            {
                private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();
                private static GetParameterResponse s_ordersDbUser;
                private static GetParameterResponse s_ordersDbPassword;

                public async Task<string> Handle(string orderId, ILambdaContext context)
                {
                    var user = await GetOrdersDbUserAsync();
                    var password = await GetOrdersDbPasswordAsync();
                    return user.Parameter.Name + password.Parameter.Name;
                }

                private static async Task<GetParameterResponse> GetOrdersDbUserAsync()
                {
                    return s_ordersDbUser ??= await Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-user" }).ConfigureAwait(false);
                }

                private static async Task<GetParameterResponse> GetOrdersDbPasswordAsync()
                {
                    return s_ordersDbPassword ??= await Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-password", WithDecryption = true }).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Lam005_RequestFromTheEvent_NoFix() => CacheFix.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            public class OrderHandler
            {
                private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();

                public async Task<string> Handle(string tenantId, ILambdaContext context)
                {
                    var response = await {|LAM005:Ssm.GetParameterAsync(new GetParameterRequest { Name = "/tenants/" + tenantId + "/db" })|};
                    return response.Parameter.Name;
                }
            }
            """);

        [Fact]
        public async Task Lam005_FixedCode_IsNoLongerReported()
        {
            const string fixedCode = """
                using System.Threading.Tasks;
                using Amazon.Lambda.Core;
                using Amazon.SimpleSystemsManagement;
                using Amazon.SimpleSystemsManagement.Model;

                public class OrderHandler
                {
                    private static readonly IAmazonSimpleSystemsManagement Ssm = new AmazonSimpleSystemsManagementClient();
                    private static GetParameterResponse s_ordersDbPassword;

                    public async Task<string> Handle(string orderId, ILambdaContext context) => (await GetOrdersDbPasswordAsync()).Parameter.Name;

                    private static async Task<GetParameterResponse> GetOrdersDbPasswordAsync()
                    {
                        return s_ordersDbPassword ??= await Ssm.GetParameterAsync(new GetParameterRequest { Name = "/orders/db-password" }).ConfigureAwait(false);
                    }
                }
                """;
            await LambdaVerifier<LambdaAnalyzers.Rules.SecretFetchedPerInvocationAnalyzer>.VerifyAsync(fixedCode);
        }

        private static async Task<List<string>> TitlesAsync(string source, IEnumerable<MetadataReference> packages)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: TestReferences.Framework.AddRange(packages)));
            var document = workspace.AddDocument(project.Id, "Handler.cs", SourceText.From(source));
            var compilation = (await document.Project.GetCompilationAsync())!;
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LambdaAnalyzers.Rules.PlaintextSecretAnalyzer())).GetAnalyzerDiagnosticsAsync();
            var diagnostic = Assert.Single(diagnostics);
            var titles = new List<string>();
            await new LambdaAnalyzers.CodeFixes.Rules.ReadSecretFromStoreFixer().RegisterCodeFixesAsync(
                new CodeFixContext(document, diagnostic, (action, _) => titles.Add(action.Title), CancellationToken.None));
            return titles;
        }
    }
}
