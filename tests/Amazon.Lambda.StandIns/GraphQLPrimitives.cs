using System.Collections.Generic;

// Stands in for GraphQL.Primitives (a dependency of GraphQL.Client), which the mirror does not serve.
namespace GraphQL
{
    public class GraphQLRequest : Dictionary<string, object?>
    {
        public GraphQLRequest()
        {
        }

        public GraphQLRequest(string query, object? variables = null, string? operationName = null, Dictionary<string, object?>? extensions = null)
        {
            Query = query;
            Variables = variables;
            OperationName = operationName;
        }

        public string? Query
        {
            get => TryGetValue("query", out var value) ? value as string : null;
            set => this["query"] = value;
        }

        public string? OperationName
        {
            get => TryGetValue("operationName", out var value) ? value as string : null;
            set => this["operationName"] = value;
        }

        public object? Variables
        {
            get => TryGetValue("variables", out var value) ? value : null;
            set => this["variables"] = value;
        }
    }

    public class GraphQLResponse<T>
    {
        public T Data { get; set; } = default!;

        public GraphQLError[]? Errors { get; set; }
    }

    public class GraphQLError
    {
        public string Message { get; set; } = "";
    }
}
