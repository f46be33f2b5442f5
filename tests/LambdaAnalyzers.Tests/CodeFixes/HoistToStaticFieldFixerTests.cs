using LambdaAnalyzers.CodeFixes.Rules;
using LambdaAnalyzers.Rules;
using AwsClientFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AwsClientPerInvocationAnalyzer, LambdaAnalyzers.CodeFixes.Rules.HoistToStaticFieldFixer>;
using CostlyFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.CostlyObjectPerInvocationAnalyzer, LambdaAnalyzers.CodeFixes.Rules.HoistToStaticFieldFixer>;
using HttpFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HttpClientPerInvocationAnalyzer, LambdaAnalyzers.CodeFixes.Rules.HoistToStaticFieldFixer>;
using PoolFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.ConnectionPoolPerInvocationAnalyzer, LambdaAnalyzers.CodeFixes.Rules.HoistToStaticFieldFixer>;

namespace LambdaAnalyzers.Tests.CodeFixes
{
    public class HoistToStaticFieldFixerTests
    {
        [Fact]
        public Task Fix_HoistsUsingLocalToStaticField() => AwsClientFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    // Upload the order.
                    using var s3 = {|LAM001:new AmazonS3Client()|};
                    await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "orders", Key = input });
                }
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                private static readonly AmazonS3Client s_s3 = new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    // Upload the order.
                    await s_s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "orders", Key = input });
                }
            }
            """);

        /// <summary>A factory lambda invoked per invocation: its creation is hoisted like any other, and the factory hands out the one client.</summary>
        [Fact]
        public Task Fix_CreationInFactoryLambda_HoistsToStaticField() => AwsClientFix.VerifyFixAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                private readonly Func<IAmazonS3> _s3Factory;

                public OrderHandler()
                {
                    _s3Factory = () => {|LAM001:new AmazonS3Client()|};
                }

                public async Task Handle(string input, ILambdaContext context)
                {
                    await _s3Factory().ListBucketsAsync();
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                private readonly Func<IAmazonS3> _s3Factory;
                private static readonly AmazonS3Client s_amazonS3Client = new AmazonS3Client();

                public OrderHandler()
                {
                    _s3Factory = () => s_amazonS3Client;
                }

                public async Task Handle(string input, ILambdaContext context)
                {
                    await _s3Factory().ListBucketsAsync();
                }
            }
            """);

        [Fact]
        public Task Fix_InlineCreationInCallee_HoistsIntoCalleeType_AndRemovesDispose() => HttpFix.VerifyFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class Handler
            {
                public Task<string> Handle(string city, ILambdaContext context) => new WeatherClient().GetAsync(city);
            }

            public class WeatherClient
            {
                private const string BaseUrl = "https://example.com/";

                public async Task<string> GetAsync(string city)
                {
                    var http = {|LAM002:new HttpClient { BaseAddress = new System.Uri(BaseUrl) }|};
                    var body = await http.GetStringAsync(city);
                    http.Dispose();
                    return body;
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class Handler
            {
                public Task<string> Handle(string city, ILambdaContext context) => new WeatherClient().GetAsync(city);
            }

            public class WeatherClient
            {
                private const string BaseUrl = "https://example.com/";
                private static readonly HttpClient s_http = new HttpClient { BaseAddress = new System.Uri(BaseUrl) };

                public async Task<string> GetAsync(string city)
                {
                    var body = await s_http.GetStringAsync(city);
                    return body;
                }
            }
            """);

        [Fact]
        public Task Fix_ExpressionWithoutLocal_AndInstanceFieldInitializer() => AwsClientFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SQS;
            using Amazon.S3;

            public class Handler
            {
                public Task Handle(string input, ILambdaContext context) => new Publisher().PublishAsync(input);
            }

            public class Publisher
            {
                private readonly IAmazonSQS _sqs = {|LAM001:new AmazonSQSClient()|};

                public Task PublishAsync(string body) => {|LAM001:new AmazonS3Client()|}.ListBucketsAsync();
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SQS;
            using Amazon.S3;

            public class Handler
            {
                public Task Handle(string input, ILambdaContext context) => new Publisher().PublishAsync(input);
            }

            public class Publisher
            {
                private readonly IAmazonSQS _sqs = s_amazonSQSClient;
                private static readonly AmazonSQSClient s_amazonSQSClient = new AmazonSQSClient();
                private static readonly AmazonS3Client s_amazonS3Client = new AmazonS3Client();

                public Task PublishAsync(string body) => s_amazonS3Client.ListBucketsAsync();
            }
            """);

        [Fact]
        public Task FixAll_ManyCreations_SharesIdenticalOnes_AndKeepsNamesDistinct() => AwsClientFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handlers
            {
                private static readonly string s_s3 = "name taken";

                public async Task Upload(string input, ILambdaContext context)
                {
                    using var s3 = {|LAM001:new AmazonS3Client(RegionEndpoint.EUWest1)|};
                    await s3.ListBucketsAsync();
                }

                public async Task Download(string input, ILambdaContext context)
                {
                    IAmazonS3 s3 = {|LAM001:new AmazonS3Client(RegionEndpoint.EUWest1)|};
                    await s3.ListBucketsAsync();
                }

                public async Task Audit(string input, ILambdaContext context)
                {
                    var s3 = {|LAM001:new AmazonS3Client(RegionEndpoint.USEast1)|};
                    await s3.ListBucketsAsync();
                }
            }
            """, """
            using System.Threading.Tasks;
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handlers
            {
                private static readonly string s_s3 = "name taken";
                private static readonly AmazonS3Client s_s32 = new AmazonS3Client(RegionEndpoint.EUWest1);
                private static readonly AmazonS3Client s_s33 = new AmazonS3Client(RegionEndpoint.USEast1);

                public async Task Upload(string input, ILambdaContext context)
                {
                    await s_s32.ListBucketsAsync();
                }

                public async Task Download(string input, ILambdaContext context)
                {
                    await s_s32.ListBucketsAsync();
                }

                public async Task Audit(string input, ILambdaContext context)
                {
                    await s_s33.ListBucketsAsync();
                }
            }
            """, iterations: 3);

        [Fact]
        public Task FixAll_ClientLibraries_HoistsEachToAStaticField() => HttpFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Flurl.Http;
            using GraphQL.Client.Http;
            using GraphQL.Client.Serializer.SystemTextJson;
            using Refit;
            using RestSharp;

            public interface IPartnerApi
            {
                [Get("/orders/{id}")]
                Task<string> GetOrder(string id);
            }

            public class PartnerHandler
            {
                private const string BaseUrl = "https://partner.example.com";

                public async Task<string> Handle(string id, ILambdaContext context)
                {
                    using var rest = {|LAM002:new RestClient(BaseUrl)|};
                    var graph = {|LAM002:new GraphQLHttpClient(BaseUrl + "/graphql", new SystemTextJsonSerializer())|};
                    using var flurl = {|LAM002:new FlurlClient(BaseUrl)|};
                    var api = {|LAM002:RestService.For<IPartnerApi>(BaseUrl)|};
                    await rest.GetAsync(new RestRequest("health"));
                    await graph.SendQueryAsync<string>(new GraphQL.GraphQLRequest("{ health }"));
                    await flurl.Request("health").GetAsync();
                    return await api.GetOrder(id);
                }
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Flurl.Http;
            using GraphQL.Client.Http;
            using GraphQL.Client.Serializer.SystemTextJson;
            using Refit;
            using RestSharp;

            public interface IPartnerApi
            {
                [Get("/orders/{id}")]
                Task<string> GetOrder(string id);
            }

            public class PartnerHandler
            {
                private const string BaseUrl = "https://partner.example.com";
                private static readonly RestClient s_rest = new RestClient(BaseUrl);
                private static readonly GraphQLHttpClient s_graph = new GraphQLHttpClient(BaseUrl + "/graphql", new SystemTextJsonSerializer());
                private static readonly FlurlClient s_flurl = new FlurlClient(BaseUrl);
                private static readonly IPartnerApi s_api = RestService.For<IPartnerApi>(BaseUrl);

                public async Task<string> Handle(string id, ILambdaContext context)
                {
                    await s_rest.GetAsync(new RestRequest("health"));
                    await s_graph.SendQueryAsync<string>(new GraphQL.GraphQLRequest("{ health }"));
                    await s_flurl.Request("health").GetAsync();
                    return await s_api.GetOrder(id);
                }
            }
            """);

        [Fact]
        public Task FixAll_HoistsACreationBuiltFromAnotherHoistedOne_InOneRun() => AwsClientFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Amazon.S3.Transfer;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    var client = {|LAM001:new AmazonDynamoDBClient()|};
                    var db = {|LAM001:new DynamoDBContext(client)|};
                    await db.SaveAsync(input);

                    IAmazonS3 s3 = {|LAM001:new AmazonS3Client()|};
                    await {|LAM001:new TransferUtility(s3)|}.UploadAsync(input, "bucket");
                }
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            using Amazon.S3.Transfer;

            public class OrderHandler
            {
                private static readonly AmazonDynamoDBClient s_client = new AmazonDynamoDBClient();
                private static readonly DynamoDBContext s_db = new DynamoDBContext(s_client);
                private static readonly IAmazonS3 s_s3 = new AmazonS3Client();
                private static readonly TransferUtility s_transferUtility = new TransferUtility(s_s3);

                public async Task Handle(string input, ILambdaContext context)
                {
                    await s_db.SaveAsync(input);
                    await s_transferUtility.UploadAsync(input, "bucket");
                }
            }
            """, iterations: 4);

        [Fact]
        public Task FixAll_ACreationBuiltFromALocalThatStays_StaysToo() => AwsClientFix.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    var client = {|LAM001:new AmazonDynamoDBClient()|};
                    var db = {|LAM001:new DynamoDBContext(client)|};
                    await db.SaveAsync(input);
                    client = null;
                }
            }
            """);

        [Fact]
        public Task Fix_ReusesExistingStaticField() => CostlyFix.VerifyFixAsync("""
            using System.Text.Json;
            using Amazon.Lambda.Core;

            public class Handler
            {
                private static readonly JsonSerializerOptions Web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

                public string Handle(object input, ILambdaContext context)
                    => JsonSerializer.Serialize(input, {|LAM004:new JsonSerializerOptions(JsonSerializerDefaults.Web)|});
            }
            """, """
            using System.Text.Json;
            using Amazon.Lambda.Core;

            public class Handler
            {
                private static readonly JsonSerializerOptions Web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

                public string Handle(object input, ILambdaContext context)
                    => JsonSerializer.Serialize(input, Web);
            }
            """);

        [Fact]
        public Task Fix_UsingStatementBlock_KeepsBlockDropsUsing() => AwsClientFix.VerifyFixAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    using (var s3 = {|LAM001:new AmazonS3Client()|})
                    {
                        s3.Config.ToString();
                    }
                }
            }
            """, """
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                private static readonly AmazonS3Client s_s3 = new AmazonS3Client();

                public void Handle(string input, ILambdaContext context)
                {
                    {
                        s_s3.Config.ToString();
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_CreationUsesHandlerInstanceState_InitializesInConstructor() => AwsClientFix.VerifyFixAsync("""
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                private readonly RegionEndpoint _region;

                public Handler()
                {
                    _region = RegionEndpoint.GetBySystemName(System.Environment.GetEnvironmentVariable("BUCKET_REGION") ?? "eu-west-1");
                }

                public Handler(RegionEndpoint region)
                {
                    _region = region;
                }

                public void Handle(string input, ILambdaContext context)
                {
                    using var s3 = {|LAM001:new AmazonS3Client(_region)|};
                    s3.Config.ToString();
                }
            }
            """, """
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                private readonly RegionEndpoint _region;
                private readonly AmazonS3Client _s3;

                public Handler()
                {
                    _region = RegionEndpoint.GetBySystemName(System.Environment.GetEnvironmentVariable("BUCKET_REGION") ?? "eu-west-1");
                    _s3 = new AmazonS3Client(_region);
                }

                public Handler(RegionEndpoint region)
                {
                    _region = region;
                    _s3 = new AmazonS3Client(_region);
                }

                public void Handle(string input, ILambdaContext context)
                {
                    _s3.Config.ToString();
                }
            }
            """);

        [Fact]
        public Task Fix_HandlerWithoutConstructor_GetsOne() => HttpFix.VerifyFixAsync("""
            using System;
            using System.Net.Http;
            using Amazon.Lambda.Core;

            public class Handler
            {
                private readonly Uri _baseAddress = new Uri("https://example.com/");

                public void Handle(string input, ILambdaContext context)
                {
                    var http = {|LAM002:new HttpClient { BaseAddress = _baseAddress }|};
                    http.GetAsync(input);
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using Amazon.Lambda.Core;

            public class Handler
            {
                private readonly Uri _baseAddress = new Uri("https://example.com/");
                private readonly HttpClient _http;

                public Handler()
                {
                    _http = new HttpClient { BaseAddress = _baseAddress };
                }

                public void Handle(string input, ILambdaContext context)
                {
                    _http.GetAsync(input);
                }
            }
            """);

        /// <summary>A client per endpoint from the event wants a cache per endpoint: one static field would serve every endpoint the first one's.</summary>
        [Fact]
        public Task NoFix_ClientWithEndpointFromEvent() => AwsClientFix.VerifyNoFixAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                public void Handle(string domain, ILambdaContext context)
                {
                    using var client = {|LAM001:new AmazonS3Client(new AmazonS3Config { ServiceURL = "https://" + domain + "/prod" })|};
                }
            }
            """);

        [Fact]
        public Task NoFix_WhenCreationUsesInstanceStateOfAServiceBuiltPerInvocation() => AwsClientFix.VerifyNoFixAsync("""
            using Amazon;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                public void Handle(string input, ILambdaContext context) => new Uploader(RegionEndpoint.EUWest1).Upload();
            }

            public class Uploader
            {
                private readonly RegionEndpoint _region;

                public Uploader(RegionEndpoint region) => _region = region;

                public void Upload()
                {
                    using var s3 = {|LAM001:new AmazonS3Client(_region)|};
                }
            }
            """);

        [Fact]
        public Task Fix_ReassignedLocal_KeepsItsDeclaration_MovesTheAssignedCreation() => AwsClientFix.VerifyFixAsync("""
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    var s3 = {|LAM001:new AmazonS3Client()|};
                    if (input.Length > 3)
                    {
                        s3 = {|LAM001:new AmazonS3Client(Amazon.RegionEndpoint.USEast1)|};
                    }
                }
            }
            """, """
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class Handler
            {
                private static readonly AmazonS3Client s_amazonS3Client = new AmazonS3Client(Amazon.RegionEndpoint.USEast1);

                public void Handle(string input, ILambdaContext context)
                {
                    var s3 = {|LAM001:new AmazonS3Client()|};
                    if (input.Length > 3)
                    {
                        s3 = s_amazonS3Client;
                    }
                }
            }
            """);

        [Fact]
        public Task NoFix_AwaitedFactory() => PoolFix.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using StackExchange.Redis;

            public class Handler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    var redis = await {|LAM003:ConnectionMultiplexer.ConnectAsync("cache:6379")|};
                }
            }
            """);

        [Fact]
        public async Task NoFix_TopLevelStatements()
        {
            const string source = """
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.RuntimeSupport;
                    using Amazon.Lambda.Serialization.SystemTextJson;
                    using Amazon.S3;

                    var handler = (string input, ILambdaContext context) =>
                    {
                        using var s3 = {|LAM001:new AmazonS3Client()|};
                        return input;
                    };
                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    """;
            var test = new AwsClientFix.CodeFixTest { TestCode = source, FixedCode = source };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            await test.RunAsync();
        }

        // ---- Client library with its base URL from the event ----

        /// <summary>A client per base URL from the event wants a cache per host: one static field would send every request to the first one's.</summary>
        [Fact]
        public Task NoFix_ClientLibraryWithBaseUrlFromEvent() => HttpFix.VerifyNoFixAsync("""
            using Amazon.Lambda.Core;
            using RestSharp;

            public class Handler
            {
                public void Handle(string login, ILambdaContext context)
                {
                    var client = {|LAM002:new RestClient("https://partner.example.com/users/" + login)|};
                }
            }
            """);
    }
}
