using Microsoft.CodeAnalysis.Testing;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.HttpClientPerInvocationAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class HttpClientPerInvocationTests
    {
        [Fact]
        public Task HttpClientInHandler_Triggers() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;

            public class WeatherHandler
            {
                public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    using var http = {|#0:new HttpClient()|};
                    var body = await http.GetStringAsync("https://example.com/weather");
                    return new APIGatewayProxyResponse { StatusCode = 200, Body = body };
                }
            }
            """,
            Verify.Diagnostic("LAM002").WithLocation(0).WithArguments(
                "HttpClient", "WeatherHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"));

        [Fact]
        public Task HttpClientWithInlineHandler_ReportsOnlyTheOuterCreation() => Verify.VerifyAsync("""
            using System.Net.Http;
            using Amazon.Lambda.Core;

            public class WeatherHandler
            {
                public void Handle(string city, ILambdaContext context)
                {
                    using var http = {|LAM002:new HttpClient(new SocketsHttpHandler())|};
                }
            }
            """);

        [Fact]
        public Task HandlerCreatedSeparately_ReportsBoth() => Verify.VerifyAsync("""
            using System.Net.Http;
            using Amazon.Lambda.Core;

            public class WeatherHandler
            {
                public void Handle(string city, ILambdaContext context)
                {
                    var handler = {|LAM002:new HttpClientHandler()|};
                    using var http = {|LAM002:new HttpClient(handler)|};
                }
            }
            """);

        [Fact]
        public Task HttpClientInCalleeReachedThroughLocalFunctionAndLambda_Triggers() => Verify.VerifyAsync("""
            using System.Linq;
            using System.Net.Http;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Forwarder
            {
                public void Handle(SQSEvent evt, ILambdaContext context)
                {
                    evt.Records.ForEach(record => Send());

                    void Send()
                    {
                        using var http = {|LAM002:new HttpClient()|};
                    }
                }
            }
            """);

        [Fact]
        public Task StaticHttpClient_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class WeatherHandler
            {
                private static readonly HttpClient Http = new HttpClient(new SocketsHttpHandler());

                public Task<string> Handle(string city, ILambdaContext context) => Http.GetStringAsync("https://example.com/" + city);
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Net.Http;

            public class WeatherController
            {
                public void Get() { using var http = new HttpClient(); }
            }
            """);

        private const string LibraryUsings = """
            using System.Net.Http;
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

            """;

        [Fact]
        public Task ClientLibrariesOwningAnHttpClient_Trigger() => Verify.VerifyAsync(LibraryUsings + """
            public class PartnerHandler
            {
                public async Task<string> Handle(string id, ILambdaContext context)
                {
                    using var rest = {|#0:new RestClient("https://partner.example.com")|};
                    using var graph = {|#1:new GraphQLHttpClient("https://partner.example.com/graphql", new SystemTextJsonSerializer())|};
                    using var flurl = {|#2:new FlurlClient("https://partner.example.com")|};
                    var api = {|#3:RestService.For<IPartnerApi>("https://partner.example.com")|};
                    var inline = {|#4:new RestClient(new HttpClient())|};
                    return await api.GetOrder(id);
                }
            }
            """,
            Verify.Diagnostic("LAM002").WithLocation(0).WithArguments("RestClient", "PartnerHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"),
            Verify.Diagnostic("LAM002").WithLocation(1).WithArguments("GraphQLHttpClient", "PartnerHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"),
            Verify.Diagnostic("LAM002").WithLocation(2).WithArguments("FlurlClient", "PartnerHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"),
            Verify.Diagnostic("LAM002").WithLocation(3).WithArguments("IPartnerApi", "PartnerHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"),
            Verify.Diagnostic("LAM002").WithLocation(4).WithArguments("RestClient", "PartnerHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"));

        /// <summary>A wrapper around an HttpClient that already exists only borrows its connections; RestSharp's client factory caches one per base URL.</summary>
        [Fact]
        public Task ClientLibrariesOverASharedHttpClient_OrStatic_DoNotTrigger() => Verify.VerifyAsync(LibraryUsings + """
            public class PartnerHandler
            {
                private static readonly HttpClient Http = new HttpClient();
                private static readonly HttpMessageHandler Handler = new SocketsHttpHandler();
                private static readonly RestClient Rest = new RestClient("https://partner.example.com");
                private static readonly IPartnerApi Api = RestService.For<IPartnerApi>("https://partner.example.com");

                public async Task<string> Handle(string id, ILambdaContext context)
                {
                    var rest = new RestClient(Http);
                    var overHandler = new RestClient(Handler);
                    var cached = new RestClient(new RestClientOptions("https://partner.example.com"), useClientFactory: true);
                    var graph = new GraphQLHttpClient(new GraphQLHttpClientOptions(), new SystemTextJsonSerializer(), Http);
                    var flurl = new FlurlClient(Http);
                    var api = RestService.For<IPartnerApi>(Http);
                    return await Api.GetOrder(id);
                }
            }
            """);

        [Fact]
        public async Task ConfiguredReusableClientType_Triggers()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using System.Net.Http;
                    using Amazon.Lambda.Core;

                    namespace MyCompany.Http
                    {
                        public class PartnerClient
                        {
                            private readonly HttpClient _http;

                            public PartnerClient() => _http = PartnerHttp.Shared;
                        }

                        public static class PartnerHttp
                        {
                            public static readonly HttpClient Shared = new HttpClient();
                        }

                        public class TracingPartnerClient : PartnerClient
                        {
                        }

                        public class Handler
                        {
                            public void Handle(string id, ILambdaContext context)
                            {
                                var client = {|#0:new PartnerClient()|};
                                var traced = {|#1:new TracingPartnerClient()|};
                            }
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.reusable_client_types = MyCompany.Http.PartnerClient, Missing.Type
                """));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM002").WithLocation(0).WithArguments("PartnerClient", "Handler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM002").WithLocation(1).WithArguments("TracingPartnerClient", "Handler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"));
            await test.RunAsync();
        }

        [Fact]
        public Task UnconfiguredClientType_DoesNotTrigger() => Verify.VerifyAsync("""
            using Amazon.Lambda.Core;

            namespace MyCompany.Http
            {
                public class PartnerClient
                {
                }

                public class Handler
                {
                    public void Handle(string id, ILambdaContext context)
                    {
                        var client = new PartnerClient();
                    }
                }
            }
            """);

        /// <summary>
        /// Half-typed code and a malformed option list: no analyzer exception; a client whose argument cannot be
        /// bound may be wrapping a shared HttpClient, so only the unfinished <c>new FlurlClient(</c> (no argument yet) is reported.
        /// </summary>
        [Fact]
        public async Task BrokenCreationsAndMalformedOption_NeverThrow()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = LibraryUsings + """
                    public class Broken
                    {
                        public void Handle(string id, ILambdaContext context)
                        {
                            var rest = new RestClient(new Missing());
                            var api = RestService.For<IMissingApi>("https://partner.example.com");
                            var flurl = {|LAM002:new FlurlClient(|};
                            var other = new Unknown.Client();
                        }
                    }
                    """,
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.reusable_client_types = ., , System.Net.Http.HttpClient+, <>, Unknown.Client`
                """));
            await test.RunAsync();
        }

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class WeatherHandler
            {
                public async Task<string> Handle(string input)
                {
                    using var http = new HttpClient();
                    return await http.GetStringAsync("https://example.com/weather");
                }
            }
            """);

        // ---- Client libraries whose base URL comes from the event (keyed creations) ----

        /// <summary>
        /// A client library built per invocation from a URL in the event owns a new HttpClient each time: the
        /// connections to the same host are opened again. It varies only by its base URL, so it is reported
        /// with a cache per host as the remedy, and no hoist.
        /// </summary>
        [Fact]
        public Task ClientLibraryWithBaseUrlFromEvent_Triggers_WithCachePerBaseUrl() => Verify.VerifyAsync("using System;\n" + LibraryUsings + """
            public record Lookup(string Login, string Host, string Endpoint);

            public class LookupHandler
            {
                public async Task<string> Handle(Lookup lookup, ILambdaContext context)
                {
                    var byPath = {|#0:new RestClient($"https://partner.example.com/users/{lookup.Login}")|};
                    var byUri = {|#1:new RestClient(new Uri(lookup.Host))|};
                    var options = new RestClientOptions("https://" + lookup.Host) { Timeout = TimeSpan.FromSeconds(5) };
                    var byOptions = {|#2:new RestClient(options)|};
                    using var graph = {|#3:new GraphQLHttpClient(lookup.Endpoint, new SystemTextJsonSerializer())|};
                    using var flurl = {|#4:new FlurlClient(lookup.Host)|};
                    var response = await byPath.ExecuteAsync(new RestRequest());
                    return response.Content ?? "";
                }
            }
            """,
            KeyedLibrary(0, "RestClient"),
            KeyedLibrary(1, "RestClient"),
            KeyedLibrary(2, "RestClient"),
            KeyedLibrary(3, "GraphQLHttpClient"),
            KeyedLibrary(4, "FlurlClient"));

        /// <summary>Credentials, headers or any other setting from the event make a per-tenant client: silent by default, base URL or not.</summary>
        [Fact]
        public Task ClientLibraryWithEventSettingBesidesBaseUrl_DoesNotTrigger() => Verify.VerifyAsync("using RestSharp.Authenticators;\n" + LibraryUsings + """
            public record Tenant(string Url, string User, string Password, string Token);

            public class TenantHandler
            {
                public void Handle(Tenant tenant, ILambdaContext context)
                {
                    var withKeys = new RestClient(new RestClientOptions(tenant.Url) { Authenticator = new HttpBasicAuthenticator(tenant.User, tenant.Password) });
                    var withHeader = new RestClient(tenant.Url, configureDefaultHeaders: headers => headers.Add("Authorization", tenant.Token));
                    var configured = new RestClient(tenant.Url, options => options.Authenticator = new JwtAuthenticator(tenant.Token));
                }
            }
            """);

        /// <summary>The same shape with the event-dependent option on stays reported with the plain remedy for per-tenant clients.</summary>
        [Fact]
        public async Task ClientLibraryWithEventCredentials_EventDependentOptionOn_TriggersWithPlainRemedy()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = "using RestSharp.Authenticators;\n" + LibraryUsings + """
                    public record Tenant(string Url, string Token);

                    public class TenantHandler
                    {
                        public void Handle(Tenant tenant, ILambdaContext context)
                        {
                            var withKeys = {|#0:new RestClient(new RestClientOptions(tenant.Url) { Authenticator = new JwtAuthenticator(tenant.Token) })|};
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.report_event_dependent_creations = true
                """));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM002").WithLocation(0).WithArguments(
                "RestClient", "TenantHandler.Handle", "", "store it in a static readonly field so warm invocations reuse its open connections"));
            await test.RunAsync();
        }

        private static DiagnosticResult KeyedLibrary(int location, string type)
            => Verify.Diagnostic("LAM002").WithLocation(location).WithArguments(
                type, "LookupHandler.Handle", "", "its base URL comes from the event; keep one client per host in a static field (the per-request path goes in each request) or one per base URL in a static ConcurrentDictionary, so warm invocations reuse its open connections");
    }
}
