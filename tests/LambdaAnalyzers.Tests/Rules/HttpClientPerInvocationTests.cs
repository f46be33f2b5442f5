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
    }
}
