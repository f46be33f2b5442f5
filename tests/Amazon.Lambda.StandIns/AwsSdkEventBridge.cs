using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EventBridge.Model;
using Amazon.Runtime;

// Stands in for AWSSDK.EventBridge, which the mirror does not serve.
namespace Amazon.EventBridge
{
    public interface IAmazonEventBridge : IAmazonService, IDisposable
    {
        Task<PutEventsResponse> PutEventsAsync(PutEventsRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonEventBridgeClient : IAmazonEventBridge
    {
        public AmazonEventBridgeClient()
        {
        }

        public AmazonEventBridgeClient(RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException("stand-in");

        public Task<PutEventsResponse> PutEventsAsync(PutEventsRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose()
        {
        }
    }
}

namespace Amazon.EventBridge.Model
{
    public class PutEventsRequest : AmazonWebServiceRequest
    {
        public string? EndpointId { get; set; }
        public List<PutEventsRequestEntry>? Entries { get; set; }
    }

    public class PutEventsRequestEntry
    {
        public string? Detail { get; set; }
        public string? DetailType { get; set; }
        public string? EventBusName { get; set; }
        public List<string>? Resources { get; set; }
        public string? Source { get; set; }
        public DateTime? Time { get; set; }
        public string? TraceHeader { get; set; }
    }

    public class PutEventsResponse : AmazonWebServiceResponse
    {
        public List<PutEventsResultEntry>? Entries { get; set; }
        public int? FailedEntryCount { get; set; }
    }

    public class PutEventsResultEntry
    {
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        public string? EventId { get; set; }
    }
}
