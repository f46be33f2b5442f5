using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Amazon.SQS;
using Amazon.SQS.Model;
using Npgsql;

namespace Orders;

/// <summary>SQS: stores each order and forwards it to fulfilment. The service lives as long as the handler.</summary>
public class OrderQueueHandler
{
    private readonly FulfilmentService _service = new FulfilmentService();

    public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
    {
        // Only the failed messages return to the queue (the event source enables ReportBatchItemFailures).
        var batchItemFailures = new List<SQSBatchResponse.BatchItemFailure>();
        foreach (var message in evt.Records)
        {
            try
            {
                var order = JsonSerializer.Deserialize<Order>(message.Body)!;
                await _service.ForwardAsync(order);
            }
            catch (Exception)
            {
                batchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }

        return new SQSBatchResponse { BatchItemFailures = batchItemFailures };
    }
}

public class FulfilmentService
{
    private static readonly NpgsqlDataSource DataSource = NpgsqlDataSource.Create("Host=orders-db;Username=orders");
    private static AmazonSQSClient? s_sqs;

    public async Task ForwardAsync(Order order)
    {
        s_sqs ??= new AmazonSQSClient();

        // A pooled connection per invocation is the intended pattern: the data source keeps the pool.
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select 1", connection);
        await command.ExecuteNonQueryAsync();

        // A FIFO queue deduplicates a redelivered order for five minutes.
        await s_sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/fulfilment.fifo",
            MessageBody = JsonSerializer.Serialize(order),
            MessageGroupId = order.CustomerId,
            MessageDeduplicationId = order.OrderId,
        });
    }
}
