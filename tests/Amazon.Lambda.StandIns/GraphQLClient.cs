using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GraphQL.Client.Abstractions.Websocket;

// Stands in for GraphQL.Client (GraphQLHttpClient), which the mirror does not serve. Like the real one, the
// constructors without an HttpClient build their own from the options' message handler.
namespace GraphQL.Client.Http
{
    public class GraphQLHttpClient : IGraphQLWebSocketClient, IDisposable
    {
        public GraphQLHttpClient(string endPoint, IGraphQLWebsocketJsonSerializer serializer)
            : this(new Uri(endPoint), serializer)
        {
        }

        public GraphQLHttpClient(Uri endPoint, IGraphQLWebsocketJsonSerializer serializer)
            : this(new GraphQLHttpClientOptions { EndPoint = endPoint }, serializer)
        {
        }

        public GraphQLHttpClient(GraphQLHttpClientOptions options, IGraphQLWebsocketJsonSerializer serializer)
            : this(options, serializer, new HttpClient(options.HttpMessageHandler))
        {
        }

        public GraphQLHttpClient(GraphQLHttpClientOptions options, IGraphQLWebsocketJsonSerializer serializer, HttpClient httpClient)
        {
            Options = options;
            JsonSerializer = serializer;
            HttpClient = httpClient;
        }

        public GraphQLHttpClient(string endPoint, IGraphQLWebsocketJsonSerializer serializer, HttpClient httpClient)
            : this(new GraphQLHttpClientOptions { EndPoint = new Uri(endPoint) }, serializer, httpClient)
        {
        }

        public HttpClient HttpClient { get; }

        public IGraphQLWebsocketJsonSerializer JsonSerializer { get; }

        public GraphQLHttpClientOptions Options { get; }

        public Task<GraphQLResponse<TResponse>> SendQueryAsync<TResponse>(GraphQLRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<GraphQLResponse<TResponse>> SendMutationAsync<TResponse>(GraphQLRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose() => HttpClient.Dispose();
    }

    public class GraphQLHttpClientOptions
    {
        public Uri? EndPoint { get; set; }

        public HttpMessageHandler HttpMessageHandler { get; set; } = new HttpClientHandler();

        public string MediaType { get; set; } = "application/json";
    }
}
