using System.Text.Json;
using GraphQL.Client.Abstractions.Websocket;

// Stands in for GraphQL.Client.Serializer.SystemTextJson, which the mirror does not serve.
namespace GraphQL.Client.Serializer.SystemTextJson
{
    public class SystemTextJsonSerializer : IGraphQLWebsocketJsonSerializer
    {
        public SystemTextJsonSerializer()
            : this(new JsonSerializerOptions(JsonSerializerDefaults.Web))
        {
        }

        public SystemTextJsonSerializer(JsonSerializerOptions options) => Options = options;

        public JsonSerializerOptions Options { get; }

        public string SerializeToString(GraphQLRequest request) => JsonSerializer.Serialize(request, Options);
    }
}
