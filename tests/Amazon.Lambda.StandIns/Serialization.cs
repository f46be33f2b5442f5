using System;
using System.IO;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson
{
    public class DefaultLambdaJsonSerializer : ILambdaSerializer
    {
        // Like the real serializer: Lambda's event JSON is camelCase ("messageId"), the event classes PascalCase.
        private static readonly System.Text.Json.JsonSerializerOptions Options = new()
        {
            PropertyNameCaseInsensitive = true,
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        };

        public T Deserialize<T>(Stream requestStream) => System.Text.Json.JsonSerializer.Deserialize<T>(requestStream, Options)!;
        public void Serialize<T>(T response, Stream responseStream) => System.Text.Json.JsonSerializer.Serialize(responseStream, response, Options);
    }

    public class SourceGeneratorLambdaJsonSerializer<TSGContext> : ILambdaSerializer
        where TSGContext : System.Text.Json.Serialization.JsonSerializerContext
    {
        public T Deserialize<T>(Stream requestStream) => throw new NotSupportedException("stand-in");
        public void Serialize<T>(T response, Stream responseStream) => throw new NotSupportedException("stand-in");
    }
}

namespace Amazon.Lambda.Serialization.Json
{
    /// <summary>Stands in for Amazon.Lambda.Serialization.Json, the older Newtonsoft-based serializer.</summary>
    public class JsonSerializer : ILambdaSerializer
    {
        public T Deserialize<T>(Stream requestStream) => System.Text.Json.JsonSerializer.Deserialize<T>(requestStream)!;
        public void Serialize<T>(T response, Stream responseStream) => System.Text.Json.JsonSerializer.Serialize(responseStream, response);
    }
}
