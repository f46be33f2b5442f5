using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SimpleEmail.Model;

// Stands in for AWSSDK.SimpleEmail (SES v1), which the mirror does not serve.
namespace Amazon.SimpleEmail
{
    public interface IAmazonSimpleEmailService : IAmazonService, IDisposable
    {
        Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default);

        Task<SendRawEmailResponse> SendRawEmailAsync(SendRawEmailRequest request, CancellationToken cancellationToken = default);

        Task<SendTemplatedEmailResponse> SendTemplatedEmailAsync(SendTemplatedEmailRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonSimpleEmailServiceClient : IAmazonSimpleEmailService
    {
        public AmazonSimpleEmailServiceClient()
        {
        }

        public AmazonSimpleEmailServiceClient(RegionEndpoint region)
        {
        }

        public IClientConfig Config => throw new NotSupportedException("stand-in");

        public static ClientConfig CreateDefaultClientConfig() => throw new NotSupportedException("stand-in");

        public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw new NotSupportedException("stand-in");

        public Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<SendRawEmailResponse> SendRawEmailAsync(SendRawEmailRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public Task<SendTemplatedEmailResponse> SendTemplatedEmailAsync(SendTemplatedEmailRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");

        public void Dispose()
        {
        }
    }
}

namespace Amazon.SimpleEmail.Model
{
    public class SendEmailRequest : AmazonWebServiceRequest
    {
        public SendEmailRequest()
        {
        }

        public SendEmailRequest(string source, Destination destination, Message message)
        {
            Source = source;
            Destination = destination;
            Message = message;
        }

        public string? ConfigurationSetName { get; set; }
        public Destination? Destination { get; set; }
        public Message? Message { get; set; }
        public List<string>? ReplyToAddresses { get; set; }
        public string? ReturnPath { get; set; }
        public string? Source { get; set; }
    }

    public class SendRawEmailRequest : AmazonWebServiceRequest
    {
        public SendRawEmailRequest()
        {
        }

        public SendRawEmailRequest(RawMessage rawMessage) => RawMessage = rawMessage;

        public string? ConfigurationSetName { get; set; }
        public List<string>? Destinations { get; set; }
        public RawMessage? RawMessage { get; set; }
        public string? Source { get; set; }
    }

    public class SendTemplatedEmailRequest : AmazonWebServiceRequest
    {
        public string? ConfigurationSetName { get; set; }
        public Destination? Destination { get; set; }
        public List<string>? ReplyToAddresses { get; set; }
        public string? Source { get; set; }
        public string? Template { get; set; }
        public string? TemplateData { get; set; }
    }

    public class Destination
    {
        public Destination()
        {
        }

        public Destination(List<string> toAddresses) => ToAddresses = toAddresses;

        public List<string>? BccAddresses { get; set; }
        public List<string>? CcAddresses { get; set; }
        public List<string>? ToAddresses { get; set; }
    }

    public class Message
    {
        public Message()
        {
        }

        public Message(Content subject, Body body)
        {
            Subject = subject;
            Body = body;
        }

        public Body? Body { get; set; }
        public Content? Subject { get; set; }
    }

    public class Body
    {
        public Body()
        {
        }

        public Body(Content text) => Text = text;

        public Content? Html { get; set; }
        public Content? Text { get; set; }
    }

    public class Content
    {
        public Content()
        {
        }

        public Content(string data) => Data = data;

        public string? Charset { get; set; }
        public string? Data { get; set; }
    }

    public class RawMessage
    {
        public RawMessage()
        {
        }

        public RawMessage(MemoryStream data) => Data = data;

        public MemoryStream? Data { get; set; }
    }

    public class SendEmailResponse : AmazonWebServiceResponse
    {
        public string? MessageId { get; set; }
    }

    public class SendRawEmailResponse : AmazonWebServiceResponse
    {
        public string? MessageId { get; set; }
    }

    public class SendTemplatedEmailResponse : AmazonWebServiceResponse
    {
        public string? MessageId { get; set; }
    }
}
