using Amazon.Runtime;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Consequences.Tests;

/// <summary>
/// The bridge between compiled handler code and the simulator: code calls these, and they spend virtual
/// time and count costs on the invocation (or init) that is running. The simulator runs one handler at a
/// time on one thread, so a thread-static "current context" is exact.
/// </summary>
public static class CostModel
{
    [ThreadStatic]
    private static LambdaAnalyzers.Simulator.ExecutionContext? s_current;

    /// <summary>Credential resolution, endpoint set-up and a TLS handshake for a new SDK client.</summary>
    public static readonly TimeSpan ClientConstruction = TimeSpan.FromMilliseconds(60);

    public static readonly TimeSpan ServiceCall = TimeSpan.FromMilliseconds(15);

    public static void Run(LambdaAnalyzers.Simulator.ExecutionContext context, Action action)
    {
        s_current = context;
        try
        {
            action();
        }
        finally
        {
            s_current = null;
        }
    }

    public static void Spend(TimeSpan duration, string counter)
    {
        s_current?.Spend(duration);
        s_current?.Count(counter);
    }
}

/// <summary>An AWS SDK client as the analyzers see it (it implements IAmazonService) whose costs the simulator meters.</summary>
public sealed class MeteredS3Client : IAmazonService, IDisposable
{
    public MeteredS3Client() => CostModel.Spend(CostModel.ClientConstruction, "client constructions");

    public IClientConfig Config => throw new NotSupportedException();

    public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException();

    public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException();

    public void PutObject(string key) => CostModel.Spend(CostModel.ServiceCall, "service calls");

    public void Dispose()
    {
    }
}

/// <summary>
/// Secrets Manager as the analyzers see it (the stand-in's IAmazonSecretsManager), metered: each fetch spends
/// 30 ms and counts; the first <see cref="ThrottleNext"/> fetches fail the way the SDK reports throttling, with a
/// faulted task.
/// </summary>
public sealed class MeteredSecretsManager : Amazon.SecretsManager.IAmazonSecretsManager
{
    public static readonly TimeSpan Fetch = TimeSpan.FromMilliseconds(30);

    /// <summary>How many of the coming fetches are throttled; set by a test before its traffic.</summary>
    public static int ThrottleNext { get; set; }

    public IClientConfig Config => throw new NotSupportedException();

    public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException();

    public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException();

    public Task<Amazon.SecretsManager.Model.GetSecretValueResponse> GetSecretValueAsync(Amazon.SecretsManager.Model.GetSecretValueRequest request, CancellationToken cancellationToken = default)
    {
        CostModel.Spend(Fetch, "secret fetches");
        if (ThrottleNext > 0)
        {
            ThrottleNext--;
            return Task.FromException<Amazon.SecretsManager.Model.GetSecretValueResponse>(new InvalidOperationException("ThrottlingException: Rate exceeded"));
        }

        return Task.FromResult(new Amazon.SecretsManager.Model.GetSecretValueResponse { Name = request.SecretId, SecretString = "whsec_live" });
    }

    public void Dispose()
    {
    }
}
