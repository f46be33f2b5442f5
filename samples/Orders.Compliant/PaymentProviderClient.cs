using System;
using System.Threading.Tasks;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;

namespace Orders;

/// <summary>API Gateway: refunds a payment; the provider's key comes from Secrets Manager, once per environment.</summary>
public class RefundsApi
{
    private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();
    private static readonly Lazy<Task<GetSecretValueResponse>> ProviderSecret = new(() => Secrets.GetSecretValueAsync(new GetSecretValueRequest
    {
        SecretId = Environment.GetEnvironmentVariable("PAYMENT_SECRET_ARN") ?? "payments/provider",
    }));

    public async Task<APIGatewayProxyResponse> Refund(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var secret = await ProviderSecret.Value;
        context.Logger.LogLine($"refunding with secret {secret.Name} version {secret.VersionId}");
        return new APIGatewayProxyResponse { StatusCode = 202 };
    }
}
