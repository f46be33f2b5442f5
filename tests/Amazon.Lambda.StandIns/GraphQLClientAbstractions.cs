using System;
using System.Threading;
using System.Threading.Tasks;

// Stands in for GraphQL.Client.Abstractions, which the mirror does not serve.
namespace GraphQL.Client.Abstractions
{
    public interface IGraphQLClient
    {
        Task<GraphQLResponse<TResponse>> SendQueryAsync<TResponse>(GraphQLRequest request, CancellationToken cancellationToken = default);

        Task<GraphQLResponse<TResponse>> SendMutationAsync<TResponse>(GraphQLRequest request, CancellationToken cancellationToken = default);
    }

    public interface IGraphQLJsonSerializer
    {
        string SerializeToString(GraphQLRequest request);
    }

    public static class GraphQLClientExtensions
    {
        public static Task<GraphQLResponse<TResponse>> SendQueryAsync<TResponse>(this IGraphQLClient client, string query, object? variables = null, string? operationName = null, Func<TResponse>? defineResponseType = null, CancellationToken cancellationToken = default)
            => client.SendQueryAsync<TResponse>(new GraphQLRequest(query, variables, operationName), cancellationToken);

        public static Task<GraphQLResponse<TResponse>> SendMutationAsync<TResponse>(this IGraphQLClient client, string query, object? variables = null, string? operationName = null, Func<TResponse>? defineResponseType = null, CancellationToken cancellationToken = default)
            => client.SendMutationAsync<TResponse>(new GraphQLRequest(query, variables, operationName), cancellationToken);

        public static Task<GraphQLResponse<TResponse>> SendMutationAsync<TResponse>(this IGraphQLClient client, GraphQLRequest request, Func<TResponse> defineResponseType, CancellationToken cancellationToken = default)
            => client.SendMutationAsync<TResponse>(request, cancellationToken);
    }
}

// Stands in for GraphQL.Client.Abstractions.Websocket (the serializer contract GraphQLHttpClient takes).
namespace GraphQL.Client.Abstractions.Websocket
{
    public interface IGraphQLWebsocketJsonSerializer : IGraphQLJsonSerializer
    {
    }

    public interface IGraphQLWebSocketClient : IGraphQLClient
    {
    }
}
