namespace LambdaAnalyzers.Tests.Verifiers
{
    /// <summary>Handlers the deployment-file rule tests name from their templates.</summary>
    internal static class DeploymentTestCode
    {
        public const string SqsAndS3Handlers = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

            namespace Orders
            {
                public class Handlers
                {
                    public Task<SQSBatchResponse> Partial(SQSEvent evt, ILambdaContext context) => Task.FromResult(new SQSBatchResponse());
                    public Task Whole(SQSEvent evt, ILambdaContext context) => Task.CompletedTask;
                    public void OnUpload(Amazon.Lambda.S3Events.S3Event evt, ILambdaContext context) { }
                }
            }
            """;
    }
}
