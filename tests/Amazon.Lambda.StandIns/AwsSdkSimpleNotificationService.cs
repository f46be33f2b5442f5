using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SimpleNotificationService.Model;

// Stands in for AWSSDK.SimpleNotificationService, which the mirror does not serve.
namespace Amazon.SimpleNotificationService
{
    public interface IAmazonSimpleNotificationService : IAmazonService, IDisposable
    {
        Task<PublishResponse> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default);

        Task<PublishResponse> PublishAsync(string topicArn, string message, string subject, CancellationToken cancellationToken = default);

        Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default);

        Task<PublishBatchResponse> PublishBatchAsync(PublishBatchRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonSimpleNotificationServiceClient : IAmazonSimpleNotificationService
    {
        public AmazonSimpleNotificationServiceClient()
        {
        }

        public AmazonSimpleNotificationServiceClient(RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException("stand-in");

        public Task<PublishResponse> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<PublishResponse> PublishAsync(string topicArn, string message, string subject, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<PublishBatchResponse> PublishBatchAsync(PublishBatchRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose()
        {
        }
    }
}

namespace Amazon.SimpleNotificationService.Model
{
    public class PublishRequest : AmazonWebServiceRequest
    {
        public PublishRequest()
        {
        }

        public PublishRequest(string topicArn, string message)
        {
            TopicArn = topicArn;
            Message = message;
        }

        public PublishRequest(string topicArn, string message, string subject)
            : this(topicArn, message) => Subject = subject;

        public string? Message { get; set; }
        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
        public string? MessageDeduplicationId { get; set; }
        public string? MessageGroupId { get; set; }
        public string? MessageStructure { get; set; }
        public string? PhoneNumber { get; set; }
        public string? Subject { get; set; }
        public string? TargetArn { get; set; }
        public string? TopicArn { get; set; }
    }

    public class MessageAttributeValue
    {
        public System.IO.MemoryStream? BinaryValue { get; set; }
        public string? DataType { get; set; }
        public string? StringValue { get; set; }
    }

    public class PublishResponse : AmazonWebServiceResponse
    {
        public string? MessageId { get; set; }
        public string? SequenceNumber { get; set; }
    }

    public class PublishBatchRequest : AmazonWebServiceRequest
    {
        public List<PublishBatchRequestEntry>? PublishBatchRequestEntries { get; set; }
        public string? TopicArn { get; set; }
    }

    public class PublishBatchRequestEntry
    {
        public string? Id { get; set; }
        public string? Message { get; set; }
        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
        public string? MessageDeduplicationId { get; set; }
        public string? MessageGroupId { get; set; }
        public string? MessageStructure { get; set; }
        public string? Subject { get; set; }
    }

    public class PublishBatchResponse : AmazonWebServiceResponse
    {
        public List<PublishBatchResultEntry>? Successful { get; set; }
    }

    public class PublishBatchResultEntry
    {
        public string? Id { get; set; }
        public string? MessageId { get; set; }
        public string? SequenceNumber { get; set; }
    }
}
