using System;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.S3Events;
using Amazon.S3;
using Amazon.S3.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace Orders;

/// <summary>S3: copies each uploaded invoice to the archive bucket.</summary>
public class InvoiceUploadedHandler
{
    public async Task Handle(S3Event evt, ILambdaContext context)
    {
        var services = new ServiceCollection()
            .AddSingleton<IAmazonS3>(_ => new AmazonS3Client())
            .BuildServiceProvider();
        var s3 = services.GetRequiredService<IAmazonS3>();

        var transfer = new TransferUtility(new AmazonS3Client());
        foreach (var record in evt.Records)
        {
            await s3.CopyObjectAsync(record.S3.Bucket.Name, record.S3.Object.Key, "invoice-archive", record.S3.Object.Key);
        }

        GC.KeepAlive(transfer);
    }
}
