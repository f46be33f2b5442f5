using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

// Stands in for AWSSDK.SecretsManager, which the mirror does not serve either.
namespace Amazon.SecretsManager
{
    public interface IAmazonSecretsManager : IAmazonService
    {
        Task<Model.GetSecretValueResponse> GetSecretValueAsync(Model.GetSecretValueRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonSecretsManagerClient : IAmazonSecretsManager
    {
        public IClientConfig Config => throw new System.NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new System.NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new System.NotSupportedException("stand-in");

        public Task<Model.GetSecretValueResponse> GetSecretValueAsync(Model.GetSecretValueRequest request, CancellationToken cancellationToken = default)
            => throw new System.NotSupportedException("stand-in");

        public void Dispose() { }
    }
}

namespace Amazon.SecretsManager.Model
{
    public class GetSecretValueRequest : AmazonWebServiceRequest
    {
        public string SecretId { get; set; } = "";
        public string VersionId { get; set; } = "";
        public string VersionStage { get; set; } = "";
    }

    public class GetSecretValueResponse : AmazonWebServiceResponse
    {
        public string ARN { get; set; } = "";
        public string Name { get; set; } = "";
        public string SecretString { get; set; } = "";
        public MemoryStream SecretBinary { get; set; } = new();
        public string VersionId { get; set; } = "";
    }
}
