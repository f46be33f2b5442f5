using System;
using System.Threading.Tasks;
using Amazon.Lambda;
using Amazon.Lambda.Core;
using Amazon.Lambda.Model;
using Amazon.Lambda.SNSEvents;

namespace Orders;

/// <summary>SNS (asynchronous, at least once): awaits its work, keeps no event data, and lets failures be retried.</summary>
public class NotificationHandler
{
    private static readonly IAmazonLambda Lambda = new AmazonLambdaClient();

    public async Task Handle(SNSEvent evt, ILambdaContext context)
    {
        foreach (var record in evt.Records)
        {
            try
            {
                var template = await LoadTemplateAsync(record.Sns.Subject);
                await SendEmailAsync(template, record.Sns.Message);
                await Lambda.InvokeAsync(new InvokeRequest
                {
                    FunctionName = "render-pdf",
                    InvocationType = InvocationType.Event,
                    Payload = record.Sns.Message,
                });
            }
            catch (Exception ex)
            {
                context.Logger.LogError(ex.Message);
                throw;
            }
        }
    }

    private static Task<string> LoadTemplateAsync(string name) => Task.FromResult("Dear customer, {0}");

    private static Task SendEmailAsync(string template, string message) => Task.Delay(50);
}
