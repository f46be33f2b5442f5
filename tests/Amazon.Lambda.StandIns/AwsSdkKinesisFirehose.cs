using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KinesisFirehose.Model;
using Amazon.Runtime;

// Stands in for AWSSDK.KinesisFirehose, which the mirror does not serve.
namespace Amazon.KinesisFirehose
{
    public interface IAmazonKinesisFirehose : IAmazonService, IDisposable
    {
        Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default);

        Task<PutRecordBatchResponse> PutRecordBatchAsync(PutRecordBatchRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonKinesisFirehoseClient : IAmazonKinesisFirehose
    {
        public AmazonKinesisFirehoseClient()
        {
        }

        public AmazonKinesisFirehoseClient(RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException("stand-in");

        public Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<PutRecordBatchResponse> PutRecordBatchAsync(PutRecordBatchRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose()
        {
        }
    }
}

namespace Amazon.KinesisFirehose.Model
{
    public class PutRecordRequest : AmazonWebServiceRequest
    {
        public string? DeliveryStreamName { get; set; }
        public Record? Record { get; set; }
    }

    public class PutRecordBatchRequest : AmazonWebServiceRequest
    {
        public string? DeliveryStreamName { get; set; }
        public List<Record>? Records { get; set; }
    }

    public class Record
    {
        public MemoryStream? Data { get; set; }
    }

    public class PutRecordResponse : AmazonWebServiceResponse
    {
        public bool? Encrypted { get; set; }
        public string? RecordId { get; set; }
    }

    public class PutRecordBatchResponse : AmazonWebServiceResponse
    {
        public bool? Encrypted { get; set; }
        public int? FailedPutCount { get; set; }
    }
}
