using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

// Stands in for AWSSDK.Lambda (the Lambda service client), which the mirror does not serve either.
namespace Amazon.Lambda
{
    public sealed class InvocationType : ConstantClass
    {
        public static readonly InvocationType DryRun = new("DryRun");
        public static readonly InvocationType Event = new("Event");
        public static readonly InvocationType RequestResponse = new("RequestResponse");

        public InvocationType(string value)
            : base(value)
        {
        }

        public static implicit operator InvocationType(string value) => new(value);
    }

    public interface IAmazonLambda : IAmazonService
    {
        Task<Model.InvokeResponse> InvokeAsync(Model.InvokeRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonLambdaClient : IAmazonLambda
    {
        public AmazonLambdaClient()
        {
        }

        public AmazonLambdaClient(Amazon.RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new System.NotSupportedException("stand-in");

        public Task<Model.InvokeResponse> InvokeAsync(Model.InvokeRequest request, CancellationToken cancellationToken = default)
            => throw new System.NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new System.NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new System.NotSupportedException("stand-in");

        public void Dispose() { }
    }
}

namespace Amazon.Lambda.Model
{
    public class InvokeRequest : AmazonWebServiceRequest
    {
        public string FunctionName { get; set; } = "";
        public InvocationType? InvocationType { get; set; }
        public string Payload { get; set; } = "";
        public string Qualifier { get; set; } = "";
    }

    public class InvokeResponse : AmazonWebServiceResponse
    {
        public string FunctionError { get; set; } = "";
        public MemoryStream Payload { get; set; } = new();
        public int StatusCode { get; set; }
    }
}
