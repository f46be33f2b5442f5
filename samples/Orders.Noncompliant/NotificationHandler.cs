using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.Lambda;
using Amazon.Lambda.Core;
using Amazon.Lambda.Model;
using Amazon.Lambda.SNSEvents;

namespace Orders;

/// <summary>SNS (asynchronous, at least once): renders and sends a customer notification.</summary>
public class NotificationHandler
{
    private static readonly IAmazonLambda Lambda = new AmazonLambdaClient();
    private static readonly List<string> s_recent = new();

    public async void Handle(SNSEvent evt, ILambdaContext context)
    {
        foreach (var record in evt.Records)
        {
            s_recent.Add(record.Sns.MessageId);
            try
            {
                var template = LoadTemplateAsync(record.Sns.Subject).Result;
                _ = SendEmailAsync(template, record.Sns.Message);
                await Lambda.InvokeAsync(new InvokeRequest { FunctionName = "render-pdf", Payload = record.Sns.Message });
            }
            catch (Exception ex)
            {
                context.Logger.LogError(ex.Message);
            }
        }
    }

    private static Task<string> LoadTemplateAsync(string name) => Task.FromResult("Dear customer, {0}");

    private static Task SendEmailAsync(string template, string message) => Task.Delay(50);
}
