using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LambdaAnalyzers.Simulator;

/// <summary>
/// The JSON payloads Lambda sends a handler (the SQS and Kinesis event shapes, with AWS's property names) and the
/// reading of its JSON response, so a hosted handler's own serializer sees what it would see in Lambda.
/// </summary>
internal static class EventJson
{
    private const string Region = "us-east-1";
    private const string Account = "123456789012";

    /// <summary>
    /// An <see cref="SqsBatch"/> or <see cref="StreamBatch"/> as Lambda's event JSON; a string as the JSON payload itself
    /// (as <c>aws lambda invoke --payload</c> takes it); anything else serialised with System.Text.Json's web defaults.
    /// </summary>
    public static byte[] Serialize(object? input) => input switch
    {
        null => Encoding.UTF8.GetBytes("null"),
        string json => Encoding.UTF8.GetBytes(json),
        byte[] bytes => bytes,
        SqsBatch batch => Encoding.UTF8.GetBytes(Sqs(batch).ToJsonString()),
        StreamBatch batch => Encoding.UTF8.GetBytes(Kinesis(batch).ToJsonString()),
        _ => JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };

    /// <summary>A partial batch response (<c>batchItemFailures</c>, any casing) as a <see cref="BatchResponse"/>; any other response as its JSON text.</summary>
    public static object? ReadResponse(byte[] json)
    {
        if (json.Length == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }

        if (node is JsonObject response
            && response.FirstOrDefault(p => string.Equals(p.Key, "batchItemFailures", StringComparison.OrdinalIgnoreCase)).Value is JsonArray failures)
        {
            var ids = new List<string>();
            foreach (var failure in failures.OfType<JsonObject>())
            {
                var id = failure.FirstOrDefault(p => string.Equals(p.Key, "itemIdentifier", StringComparison.OrdinalIgnoreCase)).Value;
                ids.Add(id?.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : id?.ToJsonString() ?? string.Empty);
            }

            return new BatchResponse(ids);
        }

        return text;
    }

    private static string Text(object? body) => body switch
    {
        null => string.Empty,
        string text => text,
        _ => JsonSerializer.Serialize(body, body.GetType(), new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };

    private static JsonObject Sqs(SqsBatch batch)
    {
        var arn = $"arn:aws:sqs:{Region}:{Account}:{batch.QueueName ?? "queue"}";
        var records = new JsonArray();
        foreach (var message in batch.Records)
        {
            var body = Text(message.Body);
            var attributes = new JsonObject
            {
                ["ApproximateReceiveCount"] = message.ApproximateReceiveCount.ToString(CultureInfo.InvariantCulture),
                ["SenderId"] = Account,
            };
            if (message.MessageGroupId is { } group)
            {
                attributes["MessageGroupId"] = group;
            }

            records.Add(new JsonObject
            {
                ["messageId"] = message.MessageId,
                ["receiptHandle"] = message.MessageId + "-" + message.ApproximateReceiveCount.ToString(CultureInfo.InvariantCulture),
                ["body"] = body,
                ["attributes"] = attributes,
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = Md5(body),
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = arn,
                ["awsRegion"] = Region,
            });
        }

        return new JsonObject { ["Records"] = records };
    }

    private static JsonObject Kinesis(StreamBatch batch)
    {
        var records = new JsonArray();
        foreach (var record in batch.Records)
        {
            records.Add(new JsonObject
            {
                ["kinesis"] = new JsonObject
                {
                    ["kinesisSchemaVersion"] = "1.0",
                    ["partitionKey"] = record.PartitionKey,
                    ["sequenceNumber"] = record.SequenceNumber,
                    ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(record.Data))),
                    ["approximateArrivalTimestamp"] = record.ArrivedAt.TotalSeconds,
                },
                ["eventSource"] = "aws:kinesis",
                ["eventVersion"] = "1.0",
                ["eventID"] = batch.ShardId + ":" + record.SequenceNumber,
                ["eventName"] = "aws:kinesis:record",
                ["awsRegion"] = Region,
                ["eventSourceARN"] = $"arn:aws:kinesis:{Region}:{Account}:stream/stream",
            });
        }

        return new JsonObject { ["Records"] = records };
    }

    private static string Md5(string body)
    {
        var hash = System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(body));
        return Convert.ToHexString(hash).ToLowerInvariant();
    }
}
