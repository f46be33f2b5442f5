using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.NonIdempotentSideEffectAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class NonIdempotentSideEffectTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.S3Events;
            using Amazon.Lambda.SQSEvents;
            using Amazon.SQS;
            using Amazon.SQS.Model;
            using Dapper;
            using Npgsql;

            """;

        [Fact]
        public Task GeneratedKeyPut_Counter_StandardQueue_Post_Insert_InSqsHandler_Trigger() => Verify.VerifyAsync(Usings + """
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();
                private static readonly HttpClient Http = new HttpClient();
                private static readonly NpgsqlDataSource Data = NpgsqlDataSource.Create("Host=db");

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|#0:Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "payments",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } },
                        })|};

                        var update = new UpdateItemRequest { TableName = "stats", UpdateExpression = "SET charges = charges + :one" };
                        await {|#1:Db.UpdateItemAsync(update)|};

                        await {|#2:Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs.eu-west-1.amazonaws.com/1/receipts", MessageBody = message.Body })|};
                        await {|#3:Http.PostAsync("https://psp.example.com/charges", new StringContent(message.Body))|};

                        await using var connection = await Data.OpenConnectionAsync();
                        await using var command = new NpgsqlCommand("INSERT INTO charges (id, amount) VALUES (@id, 10)", connection);
                        await {|#4:command.ExecuteNonQueryAsync()|};
                        await {|#5:connection.ExecuteAsync("insert into audit (message) values (@m)", new { m = message.Body })|};
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonDynamoDB.PutItemAsync", "PaymentHandler.Handle", "", "SQS", "writes another item under a newly generated key"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("IAmazonDynamoDB.UpdateItemAsync", "PaymentHandler.Handle", "", "SQS", "increments the counter again"),
            Verify.Diagnostic("LAM201").WithLocation(2).WithArguments("IAmazonSQS.SendMessageAsync", "PaymentHandler.Handle", "", "SQS", "sends another message"),
            Verify.Diagnostic("LAM201").WithLocation(3).WithArguments("HttpClient.PostAsync", "PaymentHandler.Handle", "", "SQS", "sends the request again"),
            Verify.Diagnostic("LAM201").WithLocation(4).WithArguments("DbCommand.ExecuteNonQueryAsync", "PaymentHandler.Handle", "", "SQS", "inserts another row"),
            Verify.Diagnostic("LAM201").WithLocation(5).WithArguments("SqlMapper.ExecuteAsync", "PaymentHandler.Handle", "", "SQS", "inserts another row"));

        [Fact]
        public Task SideEffectInCalleeOfS3Handler_Triggers_WithChain() => Verify.VerifyAsync(Usings + """
            public class UploadHandler
            {
                public Task Handle(S3Event evt, ILambdaContext context) => new Notifier().NotifyAsync("uploaded");
            }

            public class Notifier
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public Task NotifyAsync(string body) => {|#0:Sqs.SendMessageAsync("https://sqs.eu-west-1.amazonaws.com/1/uploads", body)|};
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonSQS.SendMessageAsync", "UploadHandler.Handle", " (via UploadHandler.Handle → Notifier.NotifyAsync)", "asynchronous", "sends another message"));

        /// <summary>The AWS SQS template passes the context on to a helper; the helper is on the SQS path, not a sync handler.</summary>
        [Fact]
        public Task HelperTakingTheContext_AsInTheAwsTemplate_IsOnItsCallersSqsPath() => Verify.VerifyAsync(Usings + """
            public class Function
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public async Task FunctionHandler(SQSEvent evnt, ILambdaContext context)
                {
                    foreach (var message in evnt.Records)
                    {
                        await ProcessMessageAsync(message, context);
                    }
                }

                private async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    context.Logger.LogInformation($"Processed message {message.Body}");
                    await {|#0:Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs.eu-west-1.amazonaws.com/1/next", MessageBody = message.Body })|};
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonSQS.SendMessageAsync", "Function.FunctionHandler", " (via Function.FunctionHandler → Function.ProcessMessageAsync)", "SQS", "sends another message"));

        [Fact]
        public Task IdempotentShapes_Guards_AndSynchronousTrigger_DoNotTrigger() => Verify.VerifyAsync(Usings + """
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();
                private static readonly HttpClient Http = new HttpClient();
                private static readonly NpgsqlDataSource Data = NpgsqlDataSource.Create("Host=db");

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        // Keyed by the message: a second put overwrites the same item.
                        await Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "payments",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = message.MessageId } },
                        });
                        await Db.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET #s = :paid" });
                        await Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs.eu-west-1.amazonaws.com/1/receipts.fifo", MessageBody = message.Body });
                        await Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://x/receipts", MessageDeduplicationId = message.MessageId });
                        await using var connection = await Data.OpenConnectionAsync();
                        await using var command = new NpgsqlCommand("INSERT INTO charges (id) VALUES (@id) ON CONFLICT (id) DO NOTHING", connection);
                        await command.ExecuteNonQueryAsync();
                        await connection.ExecuteAsync("UPDATE orders SET paid = true WHERE id = @id", new { id = message.MessageId });
                    }
                }

                public async Task Guarded(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "processed",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = message.MessageId } },
                            ConditionExpression = "attribute_not_exists(pk)",
                        });
                        await Sqs.SendMessageAsync("https://sqs.eu-west-1.amazonaws.com/1/receipts", message.Body);
                    }
                }

                public async Task<APIGatewayProxyResponse> Api(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    await Http.PostAsync("https://psp.example.com/charges", new StringContent(request.Body));
                    return new APIGatewayProxyResponse { StatusCode = 202 };
                }
            }

            public class KeyedHttp
            {
                private static readonly HttpClient Http = new HttpClient();

                public async Task Handle(S3Event evt, ILambdaContext context)
                {
                    var post = new HttpRequestMessage(HttpMethod.Post, "https://psp.example.com/charges");
                    post.Headers.Add("Idempotency-Key", evt.Records[0].S3.Object.Key);
                    await Http.PostAsync("https://psp.example.com/charges", new StringContent("{}"));
                }
            }
            """);
    }
}
