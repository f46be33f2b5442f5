using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.StepFunctions.Model;

// Stands in for AWSSDK.StepFunctions, which the mirror does not serve.
namespace Amazon.StepFunctions
{
    public interface IAmazonStepFunctions : IAmazonService, IDisposable
    {
        Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonStepFunctionsClient : IAmazonStepFunctions
    {
        public AmazonStepFunctionsClient()
        {
        }

        public AmazonStepFunctionsClient(RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException("stand-in");

        public Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose()
        {
        }
    }
}

namespace Amazon.StepFunctions.Model
{
    public class StartExecutionRequest : AmazonWebServiceRequest
    {
        public string? Input { get; set; }
        public string? Name { get; set; }
        public string? StateMachineArn { get; set; }
        public string? TraceHeader { get; set; }
    }

    public class StartExecutionResponse : AmazonWebServiceResponse
    {
        public string? ExecutionArn { get; set; }
        public DateTime? StartDate { get; set; }
    }
}
