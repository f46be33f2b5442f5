using System.Text.Json;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;
using Amazon.Lambda.SQSEvents;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace Shop.Orders;

public sealed record Order(string Id, decimal Amount);

/// <summary>Where orders are stored: DynamoDB in production, a fake in the tests.</summary>
public interface IOrderStore
{
    Task SaveAsync(Order order);
}

/// <summary>
/// The first version: stores each order of the batch, and a message that is not an order throws. The exception
/// fails the whole batch, so SQS delivers every message of it again, the good ones included.
/// </summary>
public class OrderQueueHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IOrderStore _store;

    public OrderQueueHandler()
        : this(new DynamoDbOrderStore(Environment.GetEnvironmentVariable("ORDERS_TABLE") ?? "orders"))
    {
    }

    public OrderQueueHandler(IOrderStore store) => _store = store;

    public async Task Handle(SQSEvent evnt, ILambdaContext context)
    {
        foreach (var message in evnt.Records)
        {
            var order = JsonSerializer.Deserialize<Order>(message.Body, Json) ?? throw new InvalidDataException($"Message {message.MessageId} is not an order.");
            await _store.SaveAsync(order);
        }
    }
}

/// <summary>
/// The fixed version: each message succeeds or fails on its own, and the failures go back to SQS as a partial batch
/// response (the event source mapping has ReportBatchItemFailures on). Only the poison message is retried.
/// </summary>
public class PartialBatchOrderQueueHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IOrderStore _store;

    public PartialBatchOrderQueueHandler()
        : this(new DynamoDbOrderStore(Environment.GetEnvironmentVariable("ORDERS_TABLE") ?? "orders"))
    {
    }

    public PartialBatchOrderQueueHandler(IOrderStore store) => _store = store;

    public async Task<SQSBatchResponse> Handle(SQSEvent evnt, ILambdaContext context)
    {
        var failures = new List<SQSBatchResponse.BatchItemFailure>();
        foreach (var message in evnt.Records)
        {
            try
            {
                var order = JsonSerializer.Deserialize<Order>(message.Body, Json) ?? throw new InvalidDataException($"Message {message.MessageId} is not an order.");
                await _store.SaveAsync(order);
            }
            catch (Exception exception) when (exception is JsonException or InvalidDataException)
            {
                context.Logger.LogLine($"order message {message.MessageId} failed: {exception.Message}");
                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }

        return new SQSBatchResponse(failures);
    }
}

/// <summary>The production store. Not used by the tests, which pass their fake to the handler's constructor.</summary>
public sealed class DynamoDbOrderStore : IOrderStore
{
    private readonly string _table;

    public DynamoDbOrderStore(string table) => _table = table;

    public Task SaveAsync(Order order) => throw new NotSupportedException($"Writes to DynamoDB table {_table} in AWS; the tests use a fake.");
}
