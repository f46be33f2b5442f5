using LambdaAnalyzers.Rules;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.AwsClientPerInvocationAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class AwsClientPerInvocationTests
    {
        [Fact]
        public Task ClientCreatedInHandler_Triggers() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;

            public class OrderHandler
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    var s3 = {|LAM001:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                }
            }
            """);

        [Fact]
        public Task StaticReadonlyClient_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.S3;

            public class OrderHandler
            {
                private static readonly AmazonS3Client S3 = new AmazonS3Client();

                public Task Handle(string input, ILambdaContext context) => S3.ListBucketsAsync();
            }
            """);
    }
}
