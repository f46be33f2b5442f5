using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AwsClientPerInvocationAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class AwsClientPerInvocationTests
    {
        [Fact]
        public Task ClientCreatedInHandler_Triggers() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;

            public class OrderHandler
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var s3 = {|#0:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                }
            }
            """,
            Verify.Diagnostic("LAM001").WithLocation(0).WithArguments(
                "AmazonS3Client", "OrderHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its credentials and connections"));

        /// <summary>Handler discovery reads declarations from syntax first: aliases (global, file and namespace), qualified and nullable spellings must still be found.</summary>
        [Fact]
        public async Task HandlersSpelledThroughAliasesAndQualifiedNames_AreFound()
        {
            var test = new Verify.AnalyzerTest
            {
                TestState =
                {
                    Sources =
                    {
                        """
                        global using Ctx = Amazon.Lambda.Core.ILambdaContext;
                        """,
                        """
                        using System.Threading.Tasks;
                        using Fn = Amazon.Lambda.Annotations.LambdaFunctionAttribute;

                        public class ViaGlobalAlias
                        {
                            public Task Handle(string input, Ctx context) => {|#0:new Amazon.S3.AmazonS3Client()|}.ListBucketsAsync();
                        }

                        public class ViaQualifiedNullable
                        {
                            public Task Handle(string input, Amazon.Lambda.Core.ILambdaContext? context) => {|#1:new Amazon.S3.AmazonS3Client()|}.ListBucketsAsync();
                        }

                        public class ViaAttributeAlias
                        {
                            [Fn]
                            public Task Handle(string input) => {|#2:new Amazon.S3.AmazonS3Client()|}.ListBucketsAsync();
                        }

                        public class ViaQualifiedAttribute
                        {
                            [Amazon.Lambda.Annotations.LambdaFunction]
                            public Task Handle(string input) => {|#3:new Amazon.S3.AmazonS3Client()|}.ListBucketsAsync();
                        }
                        """,
                        """
                        namespace Inside
                        {
                            using NamespaceCtx = Amazon.Lambda.Core.ILambdaContext;

                            public class ViaNamespaceAlias
                            {
                                public System.Threading.Tasks.Task Handle(string input, NamespaceCtx context) => {|#4:new Amazon.S3.AmazonS3Client()|}.ListBucketsAsync();
                            }
                        }
                        """,
                    },
                },
            };
            const string fix = "store it in a static readonly field so warm invocations reuse its credentials and connections";
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM001").WithLocation(0).WithArguments("AmazonS3Client", "ViaGlobalAlias.Handle", "", fix));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM001").WithLocation(1).WithArguments("AmazonS3Client", "ViaQualifiedNullable.Handle", "", fix));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM001").WithLocation(2).WithArguments("AmazonS3Client", "ViaAttributeAlias.Handle", "", fix));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM001").WithLocation(3).WithArguments("AmazonS3Client", "ViaQualifiedAttribute.Handle", "", fix));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM001").WithLocation(4).WithArguments("AmazonS3Client", "ViaNamespaceAlias.Handle", "", fix));
            await test.RunAsync();
        }

        [Fact]
        public Task ClientCreatedInHelper_Triggers_WithChain() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.DynamoDBv2;

            public class OrderHandler
            {
                public Task Handle(string orderId, ILambdaContext context) => new PaymentService().ChargeAsync(orderId);
            }

            public class PaymentService
            {
                public Task ChargeAsync(string orderId)
                {
                    using var db = {|#0:new AmazonDynamoDBClient()|};
                    return Task.CompletedTask;
                }
            }
            """,
            Verify.Diagnostic("LAM001").WithLocation(0).WithArguments(
                "AmazonDynamoDBClient", "OrderHandler.Handle", " (via OrderHandler.Handle → PaymentService.ChargeAsync)", "store it in a static readonly field so warm invocations reuse its credentials and connections"));

        [Fact]
        public Task ClientCreatedInServiceConstructorAndInitializer_ServiceNewedPerInvocation_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Amazon.SQS;

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    var service = new PaymentService();
                    service.Run();
                }
            }

            public class PaymentService
            {
                private readonly AmazonSQSClient _sqs = {|#1:new AmazonSQSClient()|};
                private readonly AmazonS3Client _s3;

                public PaymentService() => _s3 = {|#0:new AmazonS3Client()|};

                public void Run() { }
            }
            """,
            Verify.Diagnostic("LAM001").WithLocation(0).WithArguments(
                "AmazonS3Client", "OrderHandler.Handle", " (via OrderHandler.Handle → PaymentService..ctor)", "store it in a static readonly field so warm invocations reuse its credentials and connections"),
            Verify.Diagnostic("LAM001").WithLocation(1).WithArguments(
                "AmazonSQSClient", "OrderHandler.Handle", " (via OrderHandler.Handle → PaymentService..ctor)", "store it in a static readonly field so warm invocations reuse its credentials and connections"));

        [Fact]
        public Task HandlerConstructorAndInitializers_DoNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Amazon.SQS;

            public class OrderHandler
            {
                private readonly AmazonSQSClient _sqs = new AmazonSQSClient();
                private readonly AmazonS3Client _s3;

                public OrderHandler() => _s3 = new AmazonS3Client();

                public void Handle(string input, ILambdaContext context) => _s3.Dispose();
            }
            """);

        [Fact]
        public Task StaticInitializersAndStaticConstructor_DoNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Amazon.SQS;

            public class OrderHandler
            {
                private static readonly AmazonS3Client S3 = new AmazonS3Client();
                private static AmazonSQSClient Sqs { get; } = new AmazonSQSClient();
                private static readonly AmazonSQSClient Other;

                static OrderHandler() => Other = new AmazonSQSClient();

                public void Handle(string input, ILambdaContext context) { S3.Dispose(); Sqs.Dispose(); Other.Dispose(); }
            }
            """);

        [Fact]
        public Task ExpressionBodiedStaticProperty_CreatesPerAccess_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public static class Clients
            {
                public static AmazonS3Client S3 => {|LAM001:new AmazonS3Client()|};
            }

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context) => Clients.S3.Dispose();
            }
            """);

        [Fact]
        public Task LazyFactoryInField_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                private static readonly Lazy<AmazonS3Client> S3 = new Lazy<AmazonS3Client>(() => new AmazonS3Client());
                private readonly Lazy<AmazonS3Client> _s3;

                public void Handle(string input, ILambdaContext context)
                {
                    S3.Value.Dispose();
                }
            }
            """);

        [Fact]
        public Task NullGuardedLazyInitOfStaticOrHandlerField_DoesNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Amazon.SQS;
            using Amazon.DynamoDBv2;

            public class OrderHandler
            {
                private static AmazonS3Client? s_s3;
                private AmazonSQSClient? _sqs;
                private static AmazonDynamoDBClient? s_db;

                public void Handle(string input, ILambdaContext context)
                {
                    s_s3 ??= new AmazonS3Client();
                    _sqs ??= new AmazonSQSClient();
                    if (s_db == null)
                    {
                        s_db = new AmazonDynamoDBClient();
                    }
                }
            }
            """);

        [Fact]
        public Task NullGuardedInitOfPerInvocationServiceField_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context) => new Uploader().Upload();
            }

            public class Uploader
            {
                private AmazonS3Client? _s3;

                public void Upload() => _s3 ??= {|LAM001:new AmazonS3Client()|};
            }
            """);

        [Fact]
        public Task UnconditionalAssignmentToStaticField_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                private static AmazonS3Client? s_s3;

                public void Handle(string input, ILambdaContext context) => s_s3 = {|LAM001:new AmazonS3Client()|};
            }
            """);

        [Fact]
        public Task SingletonRegistration_DoesNotTrigger_TransientInHandler_Triggers() => Verify.VerifyAsync("""
            using System;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Microsoft.Extensions.DependencyInjection;

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    var services = new ServiceCollection();
                    services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client());
                    services.AddSingleton(new AmazonS3Client());
                    services.AddTransient<IAmazonS3>(_ => {|LAM001:new AmazonS3Client()|});
                }
            }
            """);

        [Fact]
        public Task ClientWithCredentialsFromEvent_DoesNotTriggerByDefault() => Verify.VerifyAsync("""
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.Runtime;
            using Amazon.S3;

            public record TenantRequest(string Region, string AccessKey, string SecretKey);

            public class TenantHandler
            {
                public void Handle(TenantRequest request, ILambdaContext context)
                {
                    var credentials = new BasicAWSCredentials(request.AccessKey, request.SecretKey);
                    using var s3 = new AmazonS3Client(credentials, RegionEndpoint.GetBySystemName(request.Region));
                }
            }
            """);

        [Fact]
        public async Task ClientWithCredentialsFromEvent_TriggersWhenOptionOn()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using Amazon;
                    using Amazon.Lambda.Core;
                    using Amazon.S3;

                    public class TenantHandler
                    {
                        public void Handle(string accessKey, ILambdaContext context)
                        {
                            using var s3 = {|LAM001:new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(accessKey, "from-the-vault"), RegionEndpoint.USEast1)|};
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.report_event_dependent_creations = true
                """));
            await test.RunAsync();
        }

        /// <summary>
        /// A WebSocket API's management endpoint (the request's domain and stage) or a region from the event is
        /// the same on nearly every invocation of a deployment: the client is rebuilt for the same key each time.
        /// </summary>
        [Fact]
        public Task ClientWithEndpointOrRegionFromEvent_Triggers_WithCachePerEndpoint() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public record Notify(string Domain, string Stage, string Region);

            public class OrderHandler
            {
                public async Task Handle(Notify request, ILambdaContext context)
                {
                    var url = "https://" + request.Domain + "/" + request.Stage;
                    using var byUrl = {|#0:new AmazonS3Client(new AmazonS3Config { ServiceURL = url, AuthenticationRegion = request.Region, MaxErrorRetry = 2 })|};
                    using var byRegion = {|#1:new AmazonS3Client(RegionEndpoint.GetBySystemName(request.Region))|};
                    var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(request.Region) };
                    using var byConfig = {|#2:new AmazonS3Client(config)|};
                    await byUrl.ListBucketsAsync();
                }
            }
            """,
            Keyed(0),
            Keyed(1),
            Keyed(2));

        /// <summary>A factory stored at init and invoked per message with the connection's endpoint: its lambda runs per invocation.</summary>
        [Fact]
        public Task FactoryByEndpoint_StoredInConstructor_InvokedPerInvocation_Triggers() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Functions
            {
                private readonly Func<string, IAmazonS3> _clientFor;

                public Functions()
                {
                    _clientFor = (Func<string, AmazonS3Client>)(endpoint =>
                    {
                        return {|#0:new AmazonS3Client(new AmazonS3Config { ServiceURL = endpoint })|};
                    });
                }

                public Task Send(string domain, ILambdaContext context) => _clientFor($"https://{domain}/prod").ListBucketsAsync();
            }
            """,
            Keyed(0, "Functions.Send", " (via Functions.Send → Functions._clientFor (lambda))"));

        /// <summary>Credentials or another setting from the event make a per-tenant client: silent by default, endpoint or not.</summary>
        [Fact]
        public Task ClientWithEventSettingBesidesEndpoint_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.Runtime;
            using Amazon.S3;

            public record Tenant(string Url, int Retries, string Key, string Secret, string Region);

            public class TenantHandler
            {
                public void Handle(Tenant tenant, ILambdaContext context)
                {
                    using var retries = new AmazonS3Client(new AmazonS3Config { ServiceURL = tenant.Url, MaxErrorRetry = tenant.Retries });
                    var credentials = new BasicAWSCredentials(tenant.Key, tenant.Secret);
                    using var withKeys = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = tenant.Url });
                    using var withSession = new AmazonS3Client(tenant.Key, tenant.Secret, RegionEndpoint.GetBySystemName(tenant.Region));
                }
            }
            """);

        [Fact]
        public Task ClientWithConfigFromEnvironment_Triggers() => Verify.VerifyAsync("""
            using System;
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    var region = Environment.GetEnvironmentVariable("BUCKET_REGION");
                    using var s3 = {|LAM001:new AmazonS3Client(RegionEndpoint.GetBySystemName(region))|};
                }
            }
            """);

        [Fact]
        public Task DynamoDBContextBuilderAndTransferUtility_Trigger() => Verify.VerifyAsync("""
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Amazon.S3.Transfer;

            public class OrderHandler
            {
                private static readonly AmazonDynamoDBClient Db = new AmazonDynamoDBClient();
                private static readonly AmazonS3Client S3 = new AmazonS3Client();

                public void Handle(string input, ILambdaContext context)
                {
                    var ctx = {|LAM001:new DynamoDBContextBuilder().WithDynamoDBClient(() => Db).Build()|};
                    var transfer = {|LAM001:new TransferUtility(S3)|};
                }
            }
            """);

        [Fact]
        public Task InterfaceCallToServiceImplementation_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public interface IStorage { void Save(string key); }

            public class S3Storage : IStorage
            {
                public void Save(string key) { using var s3 = {|LAM001:new AmazonS3Client()|}; }
            }

            public class OrderHandler
            {
                private static readonly IStorage Storage = new S3Storage();

                public void Handle(string input, ILambdaContext context) => Storage.Save(input);
            }
            """);

        [Fact]
        public Task MethodNotReachedFromHandler_DoesNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Tools
            {
                public static AmazonS3Client MakeClient() => new AmazonS3Client();
            }

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context) { }
            }
            """);

        [Fact]
        public Task AnnotationsHandler_Triggers() => Verify.VerifyAsync("""
            using Amazon.Lambda.Annotations;
            using Amazon.Lambda.Annotations.APIGateway;
            using Amazon.S3;

            public class Functions
            {
                [LambdaFunction]
                [HttpApi(LambdaHttpMethod.Get, "/buckets")]
                public int Count()
                {
                    using var s3 = {|LAM001:new AmazonS3Client()|};
                    return 0;
                }
            }
            """);

        [Fact]
        public async Task TopLevelBootstrapLambda_Triggers()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.RuntimeSupport;
                    using Amazon.Lambda.Serialization.SystemTextJson;
                    using Amazon.S3;

                    var client = new AmazonS3Client();
                    var handler = async (string input, ILambdaContext context) =>
                    {
                        using var perCall = {|LAM001:new AmazonS3Client()|};
                        await client.ListBucketsAsync();
                        return input;
                    };

                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    """,
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task MainBootstrapMethodGroup_WithoutContextParameter_Triggers()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using System.IO;
                    using System.Threading.Tasks;
                    using Amazon.Lambda.RuntimeSupport;
                    using Amazon.S3;

                    public static class Program
                    {
                        public static async Task Main()
                        {
                            await LambdaBootstrapBuilder.Create(Handle).Build().RunAsync();
                        }

                        private static Task<Stream> Handle(Stream input)
                        {
                            using var s3 = {|LAM001:new AmazonS3Client()|};
                            return Task.FromResult(input);
                        }
                    }
                    """,
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        [Fact]
        public async Task PartialClassOverTwoFiles_Triggers()
        {
            var test = new Verify.AnalyzerTest();
            test.TestState.Sources.Add(("Handler.cs", """
                using Amazon.Lambda.Core;

                public partial class OrderHandler
                {
                    public void Handle(string input, ILambdaContext context) => Store(input);
                }
                """));
            test.TestState.Sources.Add(("Handler.Storage.cs", """
                using Amazon.S3;

                public partial class OrderHandler
                {
                    private void Store(string input) { using var s3 = {|LAM001:new AmazonS3Client()|}; }
                }
                """));
            await test.RunAsync();
        }

        [Fact]
        public Task GenericAndNestedTypesAndRecordPrimaryConstructor_Trigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Outer
            {
                public class Handler<T>
                {
                    public void Handle(T input, ILambdaContext context) => new Service<T>(input).Run();
                }
            }

            public record Service<T>(T Input)
            {
                private readonly AmazonS3Client _s3 = {|LAM001:new AmazonS3Client()|};

                public void Run() { }
            }
            """);

        /// <summary>A factory built at init and invoked in the handler runs its lambda on every invocation.</summary>
        [Fact]
        public async Task FactoryLocalOfTopLevelStatements_InvokedInBootstrapLambda_Triggers_InTheFactory()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using System;
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.RuntimeSupport;
                    using Amazon.Lambda.Serialization.SystemTextJson;
                    using Amazon.S3;

                    Func<IAmazonS3> s3Factory = () => {|#0:new AmazonS3Client()|};
                    var notInvoked = () => new AmazonS3Client();
                    var handler = async (string input, ILambdaContext context) =>
                    {
                        var s3 = s3Factory();
                        await s3.ListBucketsAsync();
                        return input;
                    };

                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    """,
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM001").WithLocation(0).WithArguments(
                "AmazonS3Client", "top-level handler lambda", " (via top-level handler lambda → s3Factory (lambda))", "store it in a static readonly field so warm invocations reuse its credentials and connections"));
            await test.RunAsync();
        }

        /// <summary>
        /// Lambdas written where the field is initialized or assigned are followed; one handed to a constructor
        /// and stored from its parameter is not (a parameter may hold whatever each caller gives).
        /// </summary>
        [Fact]
        public Task FactoryFieldAndPropertyAssignedInConstructor_InvokedOnThePath_Trigger() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;

            public class Function
            {
                private readonly Func<IAmazonS3> _s3Factory;
                private static readonly Func<string, IAmazonDynamoDB> DbFactory = region => {|#1:new AmazonDynamoDBClient()|};

                public Function()
                {
                    _s3Factory = () => {|#0:new AmazonS3Client()|};
                    Store = new OrderStore(() => new AmazonDynamoDBClient());
                }

                private OrderStore Store { get; }

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var s3 = _s3Factory();
                    await s3.ListBucketsAsync();
                    await Store.SaveAsync();
                    DbFactory("eu-west-1").Dispose();
                }
            }

            public class OrderStore
            {
                public OrderStore(Func<IAmazonDynamoDB> clientFactory) => ClientFactory = clientFactory;

                private Func<IAmazonDynamoDB> ClientFactory { get; }

                public async Task SaveAsync()
                {
                    using var client = ClientFactory?.Invoke();
                    await Task.CompletedTask;
                }
            }
            """,
            Verify.Diagnostic("LAM001").WithLocation(0).WithArguments("AmazonS3Client", "Function.Handle", " (via Function.Handle → Function._s3Factory (lambda))", "store it in a static readonly field so warm invocations reuse its credentials and connections"),
            Verify.Diagnostic("LAM001").WithLocation(1).WithArguments("AmazonDynamoDBClient", "Function.Handle", " (via Function.Handle → Function.DbFactory (lambda))", "store it in a static readonly field so warm invocations reuse its credentials and connections"));

        /// <summary>
        /// Invoked only at init (the constructor, a static initializer), or never: the lambda runs once or not at
        /// all. A delegate passed in as a parameter is not followed (its lambda may be anything the caller gives).
        /// </summary>
        [Fact]
        public Task FactoryInvokedAtInitOnly_OrNeverInvoked_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;

            public class Function
            {
                private static readonly Func<IAmazonS3> Factory = () => new AmazonS3Client();
                private static readonly IAmazonS3 Shared = Factory();
                private readonly Func<IAmazonS3> _unused = () => new AmazonS3Client();
                private readonly IAmazonS3 _s3;

                public Function()
                {
                    Func<IAmazonS3> make = () => new AmazonS3Client();
                    _s3 = make();
                }

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    await _s3.ListBucketsAsync();
                    await Shared.ListBucketsAsync();
                    await Use(() => _s3);
                }

                private static Task Use(Func<IAmazonS3> given) => given().ListBucketsAsync();
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            public interface ILambdaContext { }

            public class AmazonS3Client { }

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context) { var s3 = new AmazonS3Client(); }
            }
            """);

        /// <summary>
        /// A helper called with an argument of a type from a missing reference: the compiler leaves the call
        /// unbound, but its name leaves one method, which runs there in the real build.
        /// </summary>
        [Fact]
        public Task HelperCalledWithArgumentOfMissingType_Triggers_InTheHelper() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement;

            public class Function
            {
                public Task<string> Handle(string input, ILambdaContext context) => Steps.Collection(input);
            }

            public static class Steps
            {
                public static async Task<string> Collection(string prefix)
                {
                    {|CS0246:Detail|} detail = null;
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        await Store(prefix + "/id", detail.Id);
                        await Store(prefix + "/arn", detail.Arn);
                    }

                    return prefix;
                }

                private static async Task Store(string name, string value)
                {
                    using var client = {|LAM001:new AmazonSimpleSystemsManagementClient()|};
                    await Task.CompletedTask;
                }
            }
            """);

        /// <summary>Two methods could be meant: the path does not guess which one runs.</summary>
        [Fact]
        public Task UnboundCallWithSeveralCandidates_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SimpleSystemsManagement;

            public class Function
            {
                public Task Handle(string input, ILambdaContext context)
                {
                    {|CS0246:Detail|} detail = null;
                    return Steps.Store(input, detail.Id);
                }
            }

            public static class Steps
            {
                public static Task Store(string name, string value)
                {
                    using var client = new AmazonSimpleSystemsManagementClient();
                    return Task.CompletedTask;
                }

                public static Task Store(string name, int version)
                {
                    using var client = new AmazonSimpleSystemsManagementClient();
                    return Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task BrokenCode_DoesNotCrash() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    var s3 = new AmazonS3Client({|CS1503:"not a region"|});
                    var missing = new {|CS0246:Missing|}();
                    Undefined{|CS1002:|}
                }
            }
            """,
            DiagnosticResult.CompilerError("CS0103").WithSpan(10, 9, 10, 18).WithArguments("Undefined"));

        private static DiagnosticResult Keyed(int location, string handler = "OrderHandler.Handle", string via = "")
            => Verify.Diagnostic("LAM001").WithLocation(location).WithArguments(
                "AmazonS3Client", handler, via, "its endpoint or region comes from the event but is the same on most invocations; keep one client per endpoint in a static ConcurrentDictionary so warm invocations reuse its credentials and connections");

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Threading.Tasks;
            using Amazon.S3;

            public class OrderHandler
            {
                public async Task Handle(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                }
            }
            """);
    }
}
