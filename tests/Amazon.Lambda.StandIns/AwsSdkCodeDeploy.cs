using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

// Stands in for AWSSDK.CodeDeploy (the client a CodeDeploy lifecycle hook reports its verdict with), which the mirror does not serve.
namespace Amazon.CodeDeploy
{
    public sealed class LifecycleEventStatus : ConstantClass
    {
        public static readonly LifecycleEventStatus Failed = new("Failed");
        public static readonly LifecycleEventStatus InProgress = new("InProgress");
        public static readonly LifecycleEventStatus Pending = new("Pending");
        public static readonly LifecycleEventStatus Skipped = new("Skipped");
        public static readonly LifecycleEventStatus Succeeded = new("Succeeded");
        public static readonly LifecycleEventStatus Unknown = new("Unknown");

        public LifecycleEventStatus(string value)
            : base(value)
        {
        }

        public static implicit operator LifecycleEventStatus(string value) => new(value);
    }

    public interface IAmazonCodeDeploy : IAmazonService
    {
        Task<Model.PutLifecycleEventHookExecutionStatusResponse> PutLifecycleEventHookExecutionStatusAsync(Model.PutLifecycleEventHookExecutionStatusRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonCodeDeployClient : IAmazonCodeDeploy
    {
        public IClientConfig Config => throw new System.NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new System.NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new System.NotSupportedException("stand-in");

        public Task<Model.PutLifecycleEventHookExecutionStatusResponse> PutLifecycleEventHookExecutionStatusAsync(Model.PutLifecycleEventHookExecutionStatusRequest request, CancellationToken cancellationToken = default)
            => throw new System.NotSupportedException("stand-in");

        public void Dispose() { }
    }
}

namespace Amazon.CodeDeploy.Model
{
    public class PutLifecycleEventHookExecutionStatusRequest : AmazonWebServiceRequest
    {
        public string DeploymentId { get; set; } = "";
        public string LifecycleEventHookExecutionId { get; set; } = "";
        public LifecycleEventStatus? Status { get; set; }
    }

    public class PutLifecycleEventHookExecutionStatusResponse : AmazonWebServiceResponse
    {
        public string LifecycleEventHookExecutionId { get; set; } = "";
    }
}
