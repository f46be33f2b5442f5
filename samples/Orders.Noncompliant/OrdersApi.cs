using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Orders;

/// <summary>API Gateway: GET /orders/{id}.</summary>
public class OrdersApi
{
    public async Task<APIGatewayProxyResponse> GetOrder(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var dynamo = new AmazonDynamoDBClient();
        var item = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = "orders",
            Key = new() { ["pk"] = new AttributeValue { S = request.PathParameters["id"] } },
        });

        using var http = new HttpClient();
        var rates = await http.GetStringAsync("https://rates.example.com/latest");

        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return new APIGatewayProxyResponse
        {
            StatusCode = 200,
            Body = JsonSerializer.Serialize(new { item.Item, rates }, json),
        };
    }
}
