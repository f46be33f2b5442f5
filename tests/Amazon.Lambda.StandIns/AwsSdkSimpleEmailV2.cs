using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SimpleEmailV2.Model;

// Stands in for AWSSDK.SimpleEmailV2 (SES v2), which the mirror does not serve.
namespace Amazon.SimpleEmailV2
{
    public interface IAmazonSimpleEmailServiceV2 : IAmazonService, IDisposable
    {
        Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonSimpleEmailServiceV2Client : IAmazonSimpleEmailServiceV2
    {
        public AmazonSimpleEmailServiceV2Client()
        {
        }

        public AmazonSimpleEmailServiceV2Client(RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException("stand-in");

        public Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose()
        {
        }
    }
}

namespace Amazon.SimpleEmailV2.Model
{
    public class SendEmailRequest : AmazonWebServiceRequest
    {
        public string? ConfigurationSetName { get; set; }
        public EmailContent? Content { get; set; }
        public Destination? Destination { get; set; }
        public string? FromEmailAddress { get; set; }
        public List<string>? ReplyToAddresses { get; set; }
    }

    public class Destination
    {
        public List<string>? BccAddresses { get; set; }
        public List<string>? CcAddresses { get; set; }
        public List<string>? ToAddresses { get; set; }
    }

    public class EmailContent
    {
        public RawMessage? Raw { get; set; }
        public Message? Simple { get; set; }
        public Template? Template { get; set; }
    }

    public class Message
    {
        public Body? Body { get; set; }
        public Content? Subject { get; set; }
    }

    public class Body
    {
        public Content? Html { get; set; }
        public Content? Text { get; set; }
    }

    public class Content
    {
        public string? Charset { get; set; }
        public string? Data { get; set; }
    }

    public class RawMessage
    {
        public MemoryStream? Data { get; set; }
    }

    public class Template
    {
        public string? TemplateArn { get; set; }
        public string? TemplateData { get; set; }
        public string? TemplateName { get; set; }
    }

    public class SendEmailResponse : AmazonWebServiceResponse
    {
        public string? MessageId { get; set; }
    }
}
