using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Kinesis.Model;
using Amazon.Runtime;

// Stands in for AWSSDK.Kinesis, which the mirror does not serve.
namespace Amazon.Kinesis
{
    public interface IAmazonKinesis : IAmazonService, IDisposable
    {
        Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default);

        Task<PutRecordsResponse> PutRecordsAsync(PutRecordsRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonKinesisClient : IAmazonKinesis
    {
        public AmazonKinesisClient()
        {
        }

        public AmazonKinesisClient(RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException("stand-in");

        public Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<PutRecordsResponse> PutRecordsAsync(PutRecordsRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose()
        {
        }
    }
}

namespace Amazon.Kinesis.Model
{
    public class PutRecordRequest : AmazonWebServiceRequest
    {
        public MemoryStream? Data { get; set; }
        public string? ExplicitHashKey { get; set; }
        public string? PartitionKey { get; set; }
        public string? SequenceNumberForOrdering { get; set; }
        public string? StreamARN { get; set; }
        public string? StreamName { get; set; }
    }

    public class PutRecordResponse : AmazonWebServiceResponse
    {
        public string? SequenceNumber { get; set; }
        public string? ShardId { get; set; }
    }

    public class PutRecordsRequest : AmazonWebServiceRequest
    {
        public List<PutRecordsRequestEntry>? Records { get; set; }
        public string? StreamARN { get; set; }
        public string? StreamName { get; set; }
    }

    public class PutRecordsRequestEntry
    {
        public MemoryStream? Data { get; set; }
        public string? ExplicitHashKey { get; set; }
        public string? PartitionKey { get; set; }
    }

    public class PutRecordsResponse : AmazonWebServiceResponse
    {
        public int? FailedRecordCount { get; set; }
        public List<PutRecordsResultEntry>? Records { get; set; }
    }

    public class PutRecordsResultEntry
    {
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        public string? SequenceNumber { get; set; }
        public string? ShardId { get; set; }
    }
}
