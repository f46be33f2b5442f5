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

        /// <summary>Stream handlers, which need no Amazon.Lambda package, named by the rules' templates in a project without one.</summary>
        public const string StreamHandlers = """
            using System.IO;

            namespace Orders
            {
                public class Handlers
                {
                    public Stream Whole(Stream input) => input;
                    public Stream OnUpload(Stream input) => input;
                    public static Stream WrongSecond(Stream input, string context) => input;
                    public static Stream Generic<T>(Stream input) => input;
                }
            }
            """;
    }
}
