using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Orders;

/// <summary>API Gateway: GET /orders/{id}. Clients and options are built once per execution environment.</summary>
public class OrdersApi
{
    private static readonly AmazonDynamoDBClient Dynamo = new AmazonDynamoDBClient();
    private static readonly HttpClient Http = new HttpClient();
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

    public async Task<APIGatewayProxyResponse> GetOrder(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var item = await Dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = "orders",
            Key = new() { ["pk"] = new AttributeValue { S = request.PathParameters["id"] } },
        });

        var rates = await Http.GetStringAsync("https://rates.example.com/latest");
        return new APIGatewayProxyResponse
        {
            StatusCode = 200,
            Body = JsonSerializer.Serialize(new { item.Item, rates }, Json),
        };
    }
}
