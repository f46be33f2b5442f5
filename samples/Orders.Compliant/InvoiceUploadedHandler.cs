using System;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.S3Events;
using Amazon.S3;
using Amazon.S3.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace Orders;

/// <summary>S3: copies each uploaded invoice to the archive bucket. The container is built once, in the constructor.</summary>
public class InvoiceUploadedHandler
{
    private static readonly Lazy<TransferUtility> Transfer = new Lazy<TransferUtility>(() => new TransferUtility(new AmazonS3Client()));
    private readonly IServiceProvider _services;

    public InvoiceUploadedHandler()
    {
        _services = new ServiceCollection()
            .AddSingleton<IAmazonS3>(_ => new AmazonS3Client())
            .BuildServiceProvider();
    }

    public async Task Handle(S3Event evt, ILambdaContext context)
    {
        var s3 = _services.GetRequiredService<IAmazonS3>();
        foreach (var record in evt.Records)
        {
            await s3.CopyObjectAsync(record.S3.Bucket.Name, record.S3.Object.Key, "invoice-archive", record.S3.Object.Key);
        }

        GC.KeepAlive(Transfer.Value);
    }
}
