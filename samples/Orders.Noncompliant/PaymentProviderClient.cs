using System;
using System.Threading.Tasks;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;

namespace Orders;

/// <summary>API Gateway: refunds a payment through the payment provider.</summary>
public class RefundsApi
{
    private const string WebhookSigningSecret = "whsec_9f8e7d6c5b4a3f2e";
    private static readonly IAmazonSecretsManager Secrets = new AmazonSecretsManagerClient();

    public async Task<APIGatewayProxyResponse> Refund(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var apiKey = Environment.GetEnvironmentVariable("PAYMENT_API_KEY");
        var secret = await Secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "payments/provider" });
        context.Logger.LogLine($"refunding with key {apiKey} and {secret.SecretString}");
        return new APIGatewayProxyResponse { StatusCode = 202, Body = WebhookSigningSecret.Length.ToString() };
    }
}
