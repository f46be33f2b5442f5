using System;
using System.Collections.Generic;
using System.IO;

namespace Amazon.Lambda.SQSEvents
{
    public class SQSEvent
    {
        public List<SQSMessage> Records { get; set; } = new();

        public class MessageAttribute
        {
            public string? StringValue { get; set; }
            public MemoryStream? BinaryValue { get; set; }
            public string? DataType { get; set; }
        }

        public class SQSMessage
        {
            public string MessageId { get; set; } = "";
            public string ReceiptHandle { get; set; } = "";
            public string Body { get; set; } = "";
            public string Md5OfBody { get; set; } = "";
            public string Md5OfMessageAttributes { get; set; } = "";
            public string EventSourceArn { get; set; } = "";
            public string EventSource { get; set; } = "";
            public string AwsRegion { get; set; } = "";
            public Dictionary<string, string> Attributes { get; set; } = new();
            public Dictionary<string, MessageAttribute> MessageAttributes { get; set; } = new();
        }
    }

    public class SQSBatchResponse
    {
        public SQSBatchResponse() : this(new List<BatchItemFailure>()) { }
        public SQSBatchResponse(List<BatchItemFailure> batchItemFailures) => BatchItemFailures = batchItemFailures;
        public List<BatchItemFailure> BatchItemFailures { get; set; }

        public class BatchItemFailure
        {
            public string ItemIdentifier { get; set; } = "";
        }
    }
}

namespace Amazon.Lambda.SNSEvents
{
    public class SNSEvent
    {
        public IList<SNSRecord> Records { get; set; } = new List<SNSRecord>();

        public class SNSRecord
        {
            public string EventSource { get; set; } = "";
            public string EventSubscriptionArn { get; set; } = "";
            public string EventVersion { get; set; } = "";
            public SNSMessage Sns { get; set; } = new();
        }

        public class SNSMessage
        {
            public string MessageId { get; set; } = "";
            public string Message { get; set; } = "";
            public string Subject { get; set; } = "";
            public string TopicArn { get; set; } = "";
            public DateTime Timestamp { get; set; }
            public string Type { get; set; } = "";
        }
    }
}

namespace Amazon.Lambda.S3Events
{
    /// <summary>The real package derives from AWSSDK.S3's event notification model too.</summary>
    public class S3Event : Amazon.S3.Util.S3EventNotification
    {
    }
}

namespace Amazon.Lambda.APIGatewayEvents
{
    public class APIGatewayProxyRequest
    {
        public ProxyRequestContext RequestContext { get; set; } = new();
        public IDictionary<string, IList<string>> MultiValueHeaders { get; set; } = new Dictionary<string, IList<string>>();
        public IDictionary<string, IList<string>> MultiValueQueryStringParameters { get; set; } = new Dictionary<string, IList<string>>();
        public string Resource { get; set; } = "";
        public string Path { get; set; } = "";
        public string HttpMethod { get; set; } = "";
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
        public IDictionary<string, string> QueryStringParameters { get; set; } = new Dictionary<string, string>();
        public IDictionary<string, string> PathParameters { get; set; } = new Dictionary<string, string>();
        public IDictionary<string, string> StageVariables { get; set; } = new Dictionary<string, string>();
        public string Body { get; set; } = "";
        public bool IsBase64Encoded { get; set; }

        public class ProxyRequestContext
        {
            public string AccountId { get; set; } = "";
            public string ApiId { get; set; } = "";
            public string RequestId { get; set; } = "";
            public string ResourceId { get; set; } = "";
            public string ResourcePath { get; set; } = "";
            public string Stage { get; set; } = "";
            public string HttpMethod { get; set; } = "";
            public string Path { get; set; } = "";
            public string ConnectionId { get; set; } = "";
            public string RouteKey { get; set; } = "";
            public string EventType { get; set; } = "";
            public string DomainName { get; set; } = "";
            public APIGatewayCustomAuthorizerContext Authorizer { get; set; } = new();
        }
    }

    public class APIGatewayCustomAuthorizerContext : Dictionary<string, object>
    {
        public IDictionary<string, string> Claims { get; set; } = new Dictionary<string, string>();
        public string PrincipalId { get; set; } = "";
    }

    public class APIGatewayProxyResponse
    {
        public IDictionary<string, IList<string>> MultiValueHeaders { get; set; } = new Dictionary<string, IList<string>>();
        public int StatusCode { get; set; }
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
        public string Body { get; set; } = "";
        public bool IsBase64Encoded { get; set; }
    }

    public class APIGatewayHttpApiV2ProxyRequest
    {
        public string Version { get; set; } = "";
        public string RouteKey { get; set; } = "";
        public string[] Cookies { get; set; } = Array.Empty<string>();
        public IDictionary<string, string> QueryStringParameters { get; set; } = new Dictionary<string, string>();
        public IDictionary<string, string> StageVariables { get; set; } = new Dictionary<string, string>();
        public ProxyRequestContext RequestContext { get; set; } = new();

        public class ProxyRequestContext
        {
            public string AccountId { get; set; } = "";
            public string ApiId { get; set; } = "";
            public string DomainName { get; set; } = "";
            public string RequestId { get; set; } = "";
            public string RouteKey { get; set; } = "";
            public string Stage { get; set; } = "";
            public string Time { get; set; } = "";
            public long TimeEpoch { get; set; }
            public HttpDescription Http { get; set; } = new();
            public AuthorizerDescription Authorizer { get; set; } = new();
        }

        public class HttpDescription
        {
            public string Method { get; set; } = "";
            public string Path { get; set; } = "";
            public string Protocol { get; set; } = "";
            public string SourceIp { get; set; } = "";
            public string UserAgent { get; set; } = "";
        }

        public class AuthorizerDescription
        {
            public JwtDescription Jwt { get; set; } = new();
            public IDictionary<string, object> Lambda { get; set; } = new Dictionary<string, object>();

            public class JwtDescription
            {
                public IDictionary<string, string> Claims { get; set; } = new Dictionary<string, string>();
                public string[] Scopes { get; set; } = Array.Empty<string>();
            }
        }

        public string RawPath { get; set; } = "";
        public string RawQueryString { get; set; } = "";
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
        public IDictionary<string, string> PathParameters { get; set; } = new Dictionary<string, string>();
        public string Body { get; set; } = "";
        public bool IsBase64Encoded { get; set; }
    }

    public class APIGatewayHttpApiV2ProxyResponse
    {
        public int StatusCode { get; set; }
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
        public string Body { get; set; } = "";
        public bool IsBase64Encoded { get; set; }
    }
}

namespace Amazon.Lambda.ApplicationLoadBalancerEvents
{
    public class ApplicationLoadBalancerRequest
    {
        public IDictionary<string, string> QueryStringParameters { get; set; } = new Dictionary<string, string>();
        public IDictionary<string, IList<string>> MultiValueHeaders { get; set; } = new Dictionary<string, IList<string>>();
        public bool IsBase64Encoded { get; set; }
        public string Path { get; set; } = "";
        public string HttpMethod { get; set; } = "";
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
        public string Body { get; set; } = "";
    }

    public class ApplicationLoadBalancerResponse
    {
        public int StatusCode { get; set; }
        public string StatusDescription { get; set; } = "";
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
        public string Body { get; set; } = "";
        public bool IsBase64Encoded { get; set; }
        public IDictionary<string, IList<string>> MultiValueHeaders { get; set; } = new Dictionary<string, IList<string>>();
    }
}

namespace Amazon.Lambda.CloudWatchEvents
{
    public class CloudWatchEvent<T>
    {
        public string Version { get; set; } = "";
        public string Account { get; set; } = "";
        public string Region { get; set; } = "";
        public T Detail { get; set; } = default!;
        public string DetailType { get; set; } = "";
        public string Source { get; set; } = "";
        public DateTime Time { get; set; }
        public string Id { get; set; } = "";
        public List<string> Resources { get; set; } = new();
    }
}

namespace Amazon.Lambda.CloudWatchEvents.ScheduledEvents
{
    public class Detail { }

    public class ScheduledEvent : Amazon.Lambda.CloudWatchEvents.CloudWatchEvent<Detail> { }
}

namespace Amazon.Lambda.KinesisEvents
{
    public class KinesisEvent
    {
        public IList<KinesisEventRecord> Records { get; set; } = new List<KinesisEventRecord>();

        public class Record
        {
            public string PartitionKey { get; set; } = "";
            public string SequenceNumber { get; set; } = "";
            public MemoryStream Data { get; set; } = new();
            public DateTime ApproximateArrivalTimestamp { get; set; }
            public string KinesisSchemaVersion { get; set; } = "";
        }

        public class KinesisEventRecord
        {
            public string AwsRegion { get; set; } = "";
            public string EventId { get; set; } = "";
            public string EventName { get; set; } = "";
            public string EventSource { get; set; } = "";
            public string EventSourceARN { get; set; } = "";
            public string EventVersion { get; set; } = "";
            public string InvokeIdentityArn { get; set; } = "";
            public Record Kinesis { get; set; } = new();
        }
    }

    public class StreamsEventResponse
    {
        public IList<BatchItemFailure> BatchItemFailures { get; set; } = new List<BatchItemFailure>();

        public class BatchItemFailure
        {
            public string ItemIdentifier { get; set; } = "";
        }
    }
}

namespace Amazon.Lambda.DynamoDBEvents
{
    public class DynamoDBEvent
    {
        public IList<DynamodbStreamRecord> Records { get; set; } = new List<DynamodbStreamRecord>();

        public class StreamRecord
        {
            public string SequenceNumber { get; set; } = "";
            public long SizeBytes { get; set; }
            public string StreamViewType { get; set; } = "";
        }

        public class DynamodbStreamRecord
        {
            public string AwsRegion { get; set; } = "";
            public string EventID { get; set; } = "";
            public string EventName { get; set; } = "";
            public string EventSource { get; set; } = "";
            public string EventSourceArn { get; set; } = "";
            public StreamRecord Dynamodb { get; set; } = new();
        }
    }

    public class StreamsEventResponse
    {
        public IList<BatchItemFailure> BatchItemFailures { get; set; } = new List<BatchItemFailure>();

        public class BatchItemFailure
        {
            public string ItemIdentifier { get; set; } = "";
        }
    }
}

namespace Amazon.Lambda.KafkaEvents
{
    public class KafkaEvent
    {
        public string EventSource { get; set; } = "";
        public string EventSourceArn { get; set; } = "";
        public IDictionary<string, IList<KafkaEventRecord>> Records { get; set; } = new Dictionary<string, IList<KafkaEventRecord>>();

        public class KafkaEventRecord
        {
            public string Topic { get; set; } = "";
            public int Partition { get; set; }
            public long Offset { get; set; }
            public MemoryStream Value { get; set; } = new();
        }
    }
}
