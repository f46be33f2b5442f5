using Microsoft.CodeAnalysis.Testing;
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
        public Task GeneratedKeyThroughALocal_Triggers() => Verify.VerifyAsync(Usings + """
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var paymentId = Guid.NewGuid().ToString();
                        await {|LAM201:Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "payments",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = paymentId } },
                        })|};
                    }
                }
            }
            """);

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

                        // A message group is required by FIFO queues: the queue URL comes from configuration, the queue deduplicates by content.
                        await Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = Environment.GetEnvironmentVariable("RECEIPTS_QUEUE_URL"), MessageGroupId = "receipts", MessageBody = message.Body });
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

        private const string MessagingUsings = """
            using System;
            using System.Collections.Generic;
            using System.Net.Mail;
            using System.Threading.Tasks;
            using Amazon.EventBridge;
            using Amazon.EventBridge.Model;
            using Amazon.Kinesis;
            using Amazon.KinesisFirehose;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SNSEvents;
            using Amazon.Lambda.SQSEvents;
            using Amazon.SimpleEmail;
            using Amazon.SimpleNotificationService;
            using Amazon.SimpleNotificationService.Model;
            using Amazon.StepFunctions;
            using Amazon.StepFunctions.Model;
            using SesV2 = Amazon.SimpleEmailV2;

            """;

        [Fact]
        public Task SnsPublishToStandardTopic_Triggers() => Verify.VerifyAsync(MessagingUsings + """
            public class OrderEvents
            {
                private static readonly IAmazonSimpleNotificationService Sns = new AmazonSimpleNotificationServiceClient();
                private static readonly string TopicArn = Environment.GetEnvironmentVariable("ORDER_TOPIC_ARN")!;

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|#0:Sns.PublishAsync(new PublishRequest { TopicArn = TopicArn, Message = message.Body })|};
                        await {|#1:Sns.PublishAsync("arn:aws:sns:eu-west-1:123456789012:orders", message.Body)|};
                        await {|#2:Sns.PublishBatchAsync(new PublishBatchRequest
                        {
                            TopicArn = TopicArn,
                            PublishBatchRequestEntries = new List<PublishBatchRequestEntry> { new PublishBatchRequestEntry { Id = "1", Message = message.Body } },
                        })|};
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonSimpleNotificationService.PublishAsync", "OrderEvents.Handle", "", "SQS", "publishes another notification"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("IAmazonSimpleNotificationService.PublishAsync", "OrderEvents.Handle", "", "SQS", "publishes another notification"),
            Verify.Diagnostic("LAM201").WithLocation(2).WithArguments("IAmazonSimpleNotificationService.PublishBatchAsync", "OrderEvents.Handle", "", "SQS", "publishes another notification"));

        [Fact]
        public Task SnsPublishToFifoTopicOrWithDeduplication_DoesNotTrigger() => Verify.VerifyAsync(MessagingUsings + """
            public class OrderEvents
            {
                private static readonly IAmazonSimpleNotificationService Sns = new AmazonSimpleNotificationServiceClient();
                private static readonly string TopicArn = Environment.GetEnvironmentVariable("ORDER_TOPIC_ARN")!;

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Sns.PublishAsync("arn:aws:sns:eu-west-1:123456789012:orders.fifo", message.Body);
                        await Sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:123456789012:orders.fifo", Message = message.Body });
                        await Sns.PublishAsync(new PublishRequest { TopicArn = TopicArn, Message = message.Body, MessageDeduplicationId = message.MessageId });
                        await Sns.PublishAsync(new PublishRequest { TopicArn = TopicArn, Message = message.Body, MessageGroupId = "orders" });
                        await Sns.PublishBatchAsync(new PublishBatchRequest
                        {
                            TopicArn = TopicArn,
                            PublishBatchRequestEntries = new List<PublishBatchRequestEntry>
                            {
                                new PublishBatchRequestEntry { Id = "1", Message = message.Body, MessageDeduplicationId = message.MessageId },
                            },
                        });
                    }
                }

                public async Task<APIGatewayProxyResponse> Api(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    await Sns.PublishAsync(TopicArn, request.Body);
                    return new APIGatewayProxyResponse { StatusCode = 202 };
                }
            }
            """);

        [Fact]
        public Task EmailThroughSesSesV2AndSmtp_Triggers() => Verify.VerifyAsync(MessagingUsings + """
            public class ReceiptMailer
            {
                private static readonly IAmazonSimpleEmailService Ses = new AmazonSimpleEmailServiceClient();
                private static readonly SesV2.IAmazonSimpleEmailServiceV2 SesV2Client = new SesV2.AmazonSimpleEmailServiceV2Client();

                public async Task Handle(SNSEvent evt, ILambdaContext context)
                {
                    var body = evt.Records[0].Sns.Message;
                    await {|#0:Ses.SendEmailAsync(new Amazon.SimpleEmail.Model.SendEmailRequest
                    {
                        Source = "shop@example.com",
                        Destination = new Amazon.SimpleEmail.Model.Destination { ToAddresses = new List<string> { "customer@example.com" } },
                        Message = new Amazon.SimpleEmail.Model.Message(new Amazon.SimpleEmail.Model.Content("Receipt"), new Amazon.SimpleEmail.Model.Body(new Amazon.SimpleEmail.Model.Content(body))),
                    })|};
                    await {|#1:Ses.SendTemplatedEmailAsync(new Amazon.SimpleEmail.Model.SendTemplatedEmailRequest { Source = "shop@example.com", Template = "receipt", TemplateData = body })|};
                    await {|#2:SesV2Client.SendEmailAsync(new SesV2.Model.SendEmailRequest
                    {
                        FromEmailAddress = "shop@example.com",
                        Destination = new SesV2.Model.Destination { ToAddresses = new List<string> { "customer@example.com" } },
                        Content = new SesV2.Model.EmailContent { Simple = new SesV2.Model.Message { Subject = new SesV2.Model.Content { Data = "Receipt" } } },
                    })|};

                    using var smtp = new SmtpClient("smtp.example.com");
                    await {|#3:smtp.SendMailAsync(new MailMessage("shop@example.com", "customer@example.com", "Receipt", body))|};
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonSimpleEmailService.SendEmailAsync", "ReceiptMailer.Handle", "", "asynchronous", "sends the e-mail again"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("IAmazonSimpleEmailService.SendTemplatedEmailAsync", "ReceiptMailer.Handle", "", "asynchronous", "sends the e-mail again"),
            Verify.Diagnostic("LAM201").WithLocation(2).WithArguments("IAmazonSimpleEmailServiceV2.SendEmailAsync", "ReceiptMailer.Handle", "", "asynchronous", "sends the e-mail again"),
            Verify.Diagnostic("LAM201").WithLocation(3).WithArguments("SmtpClient.SendMailAsync", "ReceiptMailer.Handle", "", "asynchronous", "sends the e-mail again"));

        /// <summary>The docs' compliant shape: a conditional write keyed on the message ID before the effect guards every effect after it.</summary>
        [Fact]
        public Task EmailAndPostAfterConditionalWriteOrInIdempotentHandler_DoNotTrigger() => Verify.VerifyAsync(MessagingUsings + """
            using System.Net.Http;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;
            using AWS.Lambda.Powertools.Idempotency;

            public class ReceiptMailer
            {
                private static readonly IAmazonSimpleEmailService Ses = new AmazonSimpleEmailServiceClient();
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();
                private static readonly HttpClient Http = new HttpClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "processed",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = message.MessageId } },
                            ConditionExpression = "attribute_not_exists(pk)",
                        });
                        await Ses.SendEmailAsync(new Amazon.SimpleEmail.Model.SendEmailRequest { Source = "shop@example.com" });
                        await Http.PostAsync("https://psp.example.com/charges", new StringContent(message.Body));
                    }
                }

                [Idempotent]
                public async Task Notify(SNSEvent evt, ILambdaContext context)
                {
                    await Ses.SendEmailAsync(new Amazon.SimpleEmail.Model.SendEmailRequest { Source = "shop@example.com" });
                }
            }
            """);

        [Fact]
        public Task EventBridgeKinesisFirehosePuts_Trigger_OnlyForAtLeastOnceTriggers() => Verify.VerifyAsync(MessagingUsings + """
            using System.IO;
            using System.Text;

            public class Fanout
            {
                private static readonly IAmazonEventBridge Events = new AmazonEventBridgeClient();
                private static readonly IAmazonKinesis Kinesis = new AmazonKinesisClient();
                private static readonly IAmazonKinesisFirehose Firehose = new AmazonKinesisFirehoseClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|#0:Events.PutEventsAsync(new PutEventsRequest
                        {
                            Entries = new List<PutEventsRequestEntry> { new PutEventsRequestEntry { Source = "orders", DetailType = "OrderPlaced", Detail = message.Body } },
                        })|};
                        var data = new MemoryStream(Encoding.UTF8.GetBytes(message.Body));
                        await {|#1:Kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest { StreamName = "orders", PartitionKey = message.MessageId, Data = data })|};
                        await {|#2:Kinesis.PutRecordsAsync(new Amazon.Kinesis.Model.PutRecordsRequest { StreamName = "orders" })|};
                        await {|#3:Firehose.PutRecordAsync(new Amazon.KinesisFirehose.Model.PutRecordRequest { DeliveryStreamName = "audit", Record = new Amazon.KinesisFirehose.Model.Record { Data = data } })|};
                        await {|#4:Firehose.PutRecordBatchAsync(new Amazon.KinesisFirehose.Model.PutRecordBatchRequest { DeliveryStreamName = "audit" })|};
                    }
                }

                public async Task<APIGatewayProxyResponse> Api(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    await Events.PutEventsAsync(new PutEventsRequest());
                    await Kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest { StreamName = "orders" });
                    await Firehose.PutRecordBatchAsync(new Amazon.KinesisFirehose.Model.PutRecordBatchRequest { DeliveryStreamName = "audit" });
                    return new APIGatewayProxyResponse { StatusCode = 202 };
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonEventBridge.PutEventsAsync", "Fanout.Handle", "", "SQS", "puts the events on the bus again"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("IAmazonKinesis.PutRecordAsync", "Fanout.Handle", "", "SQS", "writes the records to the stream again"),
            Verify.Diagnostic("LAM201").WithLocation(2).WithArguments("IAmazonKinesis.PutRecordsAsync", "Fanout.Handle", "", "SQS", "writes the records to the stream again"),
            Verify.Diagnostic("LAM201").WithLocation(3).WithArguments("IAmazonKinesisFirehose.PutRecordAsync", "Fanout.Handle", "", "SQS", "writes the records to the stream again"),
            Verify.Diagnostic("LAM201").WithLocation(4).WithArguments("IAmazonKinesisFirehose.PutRecordBatchAsync", "Fanout.Handle", "", "SQS", "writes the records to the stream again"));

        [Fact]
        public Task StepFunctionsExecutionWithoutNameOrWithGeneratedName_Triggers() => Verify.VerifyAsync(MessagingUsings + """
            public class Workflow
            {
                private static readonly IAmazonStepFunctions StepFunctions = new AmazonStepFunctionsClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|#0:StepFunctions.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = "arn:aws:states:eu-west-1:1:stateMachine:orders", Input = message.Body })|};
                        var runName = Guid.NewGuid().ToString();
                        await {|#1:StepFunctions.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = "arn:aws:states:eu-west-1:1:stateMachine:orders", Name = runName, Input = message.Body })|};
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonStepFunctions.StartExecutionAsync", "Workflow.Handle", "", "SQS", "starts another execution of the state machine"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("IAmazonStepFunctions.StartExecutionAsync", "Workflow.Handle", "", "SQS", "starts another execution of the state machine"));

        [Fact]
        public Task StepFunctionsExecutionNamedByTheEvent_DoesNotTrigger() => Verify.VerifyAsync(MessagingUsings + """
            public class Workflow
            {
                private static readonly IAmazonStepFunctions StepFunctions = new AmazonStepFunctionsClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await StepFunctions.StartExecutionAsync(new StartExecutionRequest
                        {
                            StateMachineArn = "arn:aws:states:eu-west-1:1:stateMachine:orders",
                            Name = message.MessageId,
                            Input = message.Body,
                        });
                    }
                }
            }
            """);

        private const string StorageUsings = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.S3Events;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;
            using Amazon.S3.Model;
            using Microsoft.EntityFrameworkCore;

            [DynamoDBTable("orders")]
            public class Order
            {
                [DynamoDBHashKey]
                public string OrderId { get; set; } = "";
                public string Body { get; set; } = "";
            }

            public class Charge
            {
                public int Id { get; set; }
                public string MessageId { get; set; } = "";
            }

            public class Receipt
            {
                [Key]
                public string ReceiptNumber { get; set; } = "";
            }

            public record Refund(string RefundId, decimal Amount);

            public class BillingDb : DbContext
            {
                public DbSet<Charge> Charges => Set<Charge>();
                public DbSet<Receipt> Receipts => Set<Receipt>();
                public DbSet<Refund> Refunds => Set<Refund>();
            }

            """;

        [Fact]
        public Task S3PutUnderGeneratedKey_DynamoDBContextSaveOfGeneratedKey_EfCoreSaveAfterAdd_Trigger() => Verify.VerifyAsync(StorageUsings + """
            public class Archiver
            {
                private static readonly IAmazonS3 S3 = new AmazonS3Client();
                private static readonly IDynamoDBContext Orders = new DynamoDBContextBuilder().Build();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var objectId = Guid.NewGuid();
                        await {|#0:S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = $"orders/{objectId}.json", ContentBody = message.Body })|};
                        await {|#1:S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = DateTime.UtcNow.ToString("O"), ContentBody = message.Body })|};

                        var order = new Order { OrderId = Guid.NewGuid().ToString(), Body = message.Body };
                        await {|#2:Orders.SaveAsync(order)|};

                        using var db = new BillingDb();
                        db.Charges.Add(new Charge { MessageId = message.MessageId });
                        await {|#3:db.SaveChangesAsync()|};
                    }
                }

                public async Task Refunds(SQSEvent evt, ILambdaContext context)
                {
                    using var db = new BillingDb();
                    foreach (var message in evt.Records)
                    {
                        db.Add(new Refund(Guid.NewGuid().ToString(), 10m));
                    }

                    {|#4:db.SaveChanges()|};
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonS3.PutObjectAsync", "Archiver.Handle", "", "SQS", "writes another object under a newly generated key"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("IAmazonS3.PutObjectAsync", "Archiver.Handle", "", "SQS", "writes another object under a newly generated key"),
            Verify.Diagnostic("LAM201").WithLocation(2).WithArguments("IDynamoDBContext.SaveAsync", "Archiver.Handle", "", "SQS", "saves another item under a newly generated key"),
            Verify.Diagnostic("LAM201").WithLocation(3).WithArguments("DbContext.SaveChangesAsync", "Archiver.Handle", "", "SQS", "inserts the added rows again"),
            Verify.Diagnostic("LAM201").WithLocation(4).WithArguments("DbContext.SaveChanges", "Archiver.Refunds", "", "SQS", "inserts the added rows again"));

        [Fact]
        public Task WritesKeyedByTheEvent_AndSavesWithoutAdd_DoNotTrigger() => Verify.VerifyAsync(StorageUsings + """
            public class Archiver
            {
                private static readonly IAmazonS3 S3 = new AmazonS3Client();
                private static readonly IDynamoDBContext Orders = new DynamoDBContextBuilder().Build();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = $"orders/{message.MessageId}.json", ContentBody = message.Body });
                        await S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = $"{DateTime.UtcNow:yyyy/MM/dd}/{message.MessageId}.json", ContentBody = message.Body });

                        var order = new Order { OrderId = message.MessageId, Body = message.Body };
                        await Orders.SaveAsync(order);

                        using var db = new BillingDb();
                        db.Receipts.Add(new Receipt { ReceiptNumber = message.MessageId });
                        await db.SaveChangesAsync();
                        await db.Refunds.AddAsync(new Refund(message.MessageId, 10m));
                        await db.SaveChangesAsync();

                        var charge = await db.Charges.FindAsync(1);
                        charge!.MessageId = message.MessageId;
                        await db.SaveChangesAsync();
                    }
                }

                public async Task Uploaded(S3Event evt, ILambdaContext context)
                {
                    var key = evt.Records[0].S3.Object.Key;
                    await S3.PutObjectAsync(new PutObjectRequest { BucketName = "thumbnails", Key = key, ContentBody = "" });
                }
            }
            """);

        private const string HttpLibraryUsings = """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Flurl.Http;
            using GraphQL;
            using GraphQL.Client.Http;
            using GraphQL.Client.Serializer.SystemTextJson;
            using RestSharp;

            """;

        [Fact]
        public Task RestSharpPost_GraphQLMutation_FlurlPost_Trigger() => Verify.VerifyAsync(HttpLibraryUsings + """
            public class PaymentForwarder
            {
                private static readonly RestClient Rest = new RestClient("https://psp.example.com");
                private static readonly GraphQLHttpClient Graph = new GraphQLHttpClient("https://api.example.com/graphql", new SystemTextJsonSerializer());

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|#0:Rest.PostAsync(new RestRequest("charges").AddJsonBody(message.Body))|};
                        await {|#1:Rest.ExecutePostAsync(new RestRequest("refunds"))|};
                        var request = new RestRequest("captures", Method.Post);
                        await {|#2:Rest.ExecuteAsync(request)|};
                        var later = new RestRequest("payouts") { Method = Method.Post };
                        await {|#3:Rest.ExecuteAsync(later)|};
                        await {|#4:Rest.ExecuteAsync(new RestRequest("transfers"), Method.Post)|};
                        await {|#5:Graph.SendMutationAsync<object>(new GraphQLRequest("mutation { charge(id: 1) { id } }"))|};
                        await {|#6:"https://hooks.example.com/orders".PostJsonAsync(new { message.Body })|};
                    }
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("RestClientExtensions.PostAsync", "PaymentForwarder.Handle", "", "SQS", "sends the request again"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("RestClientExtensions.ExecutePostAsync", "PaymentForwarder.Handle", "", "SQS", "sends the request again"),
            Verify.Diagnostic("LAM201").WithLocation(2).WithArguments("RestClient.ExecuteAsync", "PaymentForwarder.Handle", "", "SQS", "sends the request again"),
            Verify.Diagnostic("LAM201").WithLocation(3).WithArguments("RestClient.ExecuteAsync", "PaymentForwarder.Handle", "", "SQS", "sends the request again"),
            Verify.Diagnostic("LAM201").WithLocation(4).WithArguments("RestClientExtensions.ExecuteAsync", "PaymentForwarder.Handle", "", "SQS", "sends the request again"),
            Verify.Diagnostic("LAM201").WithLocation(5).WithArguments("GraphQLHttpClient.SendMutationAsync", "PaymentForwarder.Handle", "", "SQS", "sends the mutation again"),
            Verify.Diagnostic("LAM201").WithLocation(6).WithArguments("GeneratedExtensions.PostJsonAsync", "PaymentForwarder.Handle", "", "SQS", "sends the request again"));

        [Fact]
        public Task LibraryReadsAndRequestsWithIdempotencyKey_DoNotTrigger() => Verify.VerifyAsync(HttpLibraryUsings + """
            public class StatusReader
            {
                private static readonly RestClient Rest = new RestClient("https://psp.example.com");
                private static readonly GraphQLHttpClient Graph = new GraphQLHttpClient("https://api.example.com/graphql", new SystemTextJsonSerializer());

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Rest.GetAsync(new RestRequest("status"));
                        await Rest.ExecuteAsync(new RestRequest("status"));
                        await Graph.SendQueryAsync<object>(new GraphQLRequest("{ orders { id } }"));
                        await "https://hooks.example.com/orders".GetStringAsync();
                    }
                }
            }

            public class KeyedCharger
            {
                private static readonly RestClient Rest = new RestClient("https://psp.example.com");

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var request = new RestRequest("charges", Method.Post);
                        request.AddHeader("Idempotency-Key", message.MessageId);
                        await Rest.ExecuteAsync(request);
                        await Rest.PostAsync(new RestRequest("refunds").AddHeader("Idempotency-Key", message.MessageId));
                    }
                }
            }
            """);

        [Fact]
        public async Task DeclaredSideEffectMethodInAnotherAssembly_Triggers()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.SQSEvents;
                    using MyCompany.Billing;

                    public class ChargeHandler
                    {
                        private static readonly PaymentGateway Gateway = new PaymentGateway();
                        private static readonly IPaymentGateway Shared = new PaymentGateway();

                        public async Task Handle(SQSEvent evt, ILambdaContext context)
                        {
                            foreach (var message in evt.Records)
                            {
                                await {|#0:Gateway.Charge(message.Body, 10m)|};
                                await {|#1:Shared.Charge(message.Body, 10m)|};
                                await Gateway.Quote(message.Body);
                            }
                        }
                    }
                    """,
            };
            test.TestState.AdditionalProjects["Billing"].Sources.Add("""
                using System.Threading.Tasks;

                namespace MyCompany.Billing
                {
                    public interface IPaymentGateway
                    {
                        Task Charge(string customer, decimal amount);
                    }

                    public class PaymentGateway : IPaymentGateway
                    {
                        public Task Charge(string customer, decimal amount) => Task.CompletedTask;

                        public Task<decimal> Quote(string customer) => Task.FromResult(10m);
                    }
                }
                """);
            test.TestState.AdditionalProjects["Billing"].AdditionalReferences.AddRange(Verifiers.TestReferences.Framework);
            test.TestState.AdditionalProjectReferences.Add("Billing");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.side_effect_methods = MyCompany.Billing.PaymentGateway.Charge
                """));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM201").WithLocation(0).WithArguments(
                "PaymentGateway.Charge", "ChargeHandler.Handle", "", "SQS", "repeats its side effect (declared in lambda_analyzers.side_effect_methods)"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("LAM201").WithLocation(1).WithArguments(
                "IPaymentGateway.Charge", "ChargeHandler.Handle", "", "SQS", "repeats its side effect (declared in lambda_analyzers.side_effect_methods)"));
            await test.RunAsync();
        }

        [Fact]
        public Task UndeclaredWrapperInAnotherAssembly_DoesNotTrigger()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Amazon.Lambda.Core;
                    using Amazon.Lambda.SQSEvents;
                    using MyCompany.Billing;

                    public class ChargeHandler
                    {
                        private static readonly PaymentGateway Gateway = new PaymentGateway();

                        public Task Handle(SQSEvent evt, ILambdaContext context) => Gateway.Charge(evt.Records[0].Body, 10m);
                    }
                    """,
            };
            test.TestState.AdditionalProjects["Billing"].Sources.Add("""
                using System.Threading.Tasks;

                namespace MyCompany.Billing
                {
                    public class PaymentGateway
                    {
                        public Task Charge(string customer, decimal amount) => Task.CompletedTask;
                    }
                }
                """);
            test.TestState.AdditionalProjects["Billing"].AdditionalReferences.AddRange(Verifiers.TestReferences.Framework);
            test.TestState.AdditionalProjectReferences.Add("Billing");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.side_effect_methods = MyCompany.Billing.PaymentGateway.Refund, Not.A.Type.Charge
                """));
            return test.RunAsync();
        }

        [Fact]
        public Task NewSideEffects_NoLambdaReference_DoNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Net.Mail;
            using System.Threading.Tasks;

            public class Mailer
            {
                public Task Send(string body) => new SmtpClient("smtp.example.com").SendMailAsync(new MailMessage("a@example.com", "b@example.com", "s", body));
            }
            """);

        /// <summary>Half-typed code (as in the editor) and a malformed option list: no analyzer exception, nothing reported from what cannot be bound, and the well-formed publish beside it still reported.</summary>
        [Fact]
        public async Task BrokenCallsAndMalformedOption_NeverThrow()
        {
            var test = new Verify.AnalyzerTest
            {
                TestCode = """
                    using Amazon.SimpleNotificationService;
                    using Amazon.SimpleNotificationService.Model;
                    using Amazon.StepFunctions;
                    using Amazon.StepFunctions.Model;
                    using RestSharp;

                    """ + StorageUsings + """
                    public class Broken
                    {
                        private static readonly IAmazonSimpleNotificationService Sns = new AmazonSimpleNotificationServiceClient();
                        private static readonly IAmazonStepFunctions StepFunctions = new AmazonStepFunctionsClient();
                        private static readonly IDynamoDBContext Orders = new DynamoDBContextBuilder().Build();
                        private static readonly RestClient Rest = new RestClient("https://psp.example.com");

                        public async Task Handle(SQSEvent evt, ILambdaContext context)
                        {
                            foreach (var message in evt.Records)
                            {
                                await Orders.SaveAsync();
                                await Orders.SaveAsync(new Missing { Id = Guid.NewGuid() });
                                await StepFunctions.StartExecutionAsync(new StartExecutionRequest { Name = 42 });
                                await Rest.ExecuteAsync(new RestRequest("x", Method.Pos));
                                await Sns.PublishAsync(new PublishRequest { TopicArn = 7, MessageDeduplicationId = message.MessageId });
                                using var db = new BillingDb();
                                db.Charges.Add(new Charge { Id = "one" });
                                await db.SaveChangesAsync();
                                await Unknown.PublishAsync("x");
                                await {|LAM201:Sns.PublishAsync("arn:aws:sns:eu-west-1:123456789012:orders", message.Body)|};
                            }
                        }
                    }
                    """,
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.side_effect_methods = ., .Charge, MyCompany., A.B(, ,,, Broken.Handle(SQSEvent, Broken..ctor
                """));
            await test.RunAsync();
        }

        [Fact]
        public Task PutItemKeyFromAClockHelper_OrGeneratedByTheCallerOfTheWriter_Triggers() => Verify.VerifyAsync(Usings + """
            using Amazon.Lambda.CloudWatchEvents;

            public class Charge { public string Id { get; set; } = ""; public decimal Amount { get; set; } }

            public class ChargeService
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Process(decimal amount)
                {
                    var id = Guid.NewGuid().ToString();
                    var charge = new Charge { Id = id, Amount = amount };
                    await Create(charge);
                }

                private async Task Create(Charge charge)
                {
                    var item = ToItem(charge);
                    await {|#0:Db.PutItemAsync(new PutItemRequest { TableName = "charges", Item = item })|};
                }

                private static Dictionary<string, AttributeValue> ToItem(Charge charge) => new()
                {
                    ["pk"] = new AttributeValue { S = charge.Id },
                    ["amount"] = new AttributeValue { N = charge.Amount.ToString() },
                };
            }

            public class Handlers
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task OnCharge(CloudWatchEvent<Charge> evt, ILambdaContext context)
                {
                    await new ChargeService().Process(evt.Detail.Amount);
                }

                public async Task OnMessage(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|#1:Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "history",
                            Item = new Dictionary<string, AttributeValue>
                            {
                                ["session"] = new AttributeValue { S = message.Body },
                                ["ttl"] = new AttributeValue { N = Epoch() + 600 },
                            },
                        })|};
                    }
                }

                private static string Epoch()
                {
                    var now = DateTime.UtcNow;
                    return ((long)(now - DateTime.UnixEpoch).TotalSeconds).ToString();
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("IAmazonDynamoDB.PutItemAsync", "Handlers.OnCharge", " (via Handlers.OnCharge → ChargeService.Process → ChargeService.Create)", "asynchronous", "writes another item under a newly generated key"),
            Verify.Diagnostic("LAM201").WithLocation(1).WithArguments("IAmazonDynamoDB.PutItemAsync", "Handlers.OnMessage", "", "SQS", "writes another item under a newly generated key"));

        [Fact]
        public Task PutItemKeyFromTheEventWithATimestampOrRandomPriceCarriedFromTheCaller_DoesNotTrigger() => Verify.VerifyAsync(Usings + """
            using Amazon.Lambda.CloudWatchEvents;

            public class Charge { public string Id { get; set; } = ""; public decimal Amount { get; set; } public string CreatedAt { get; set; } = ""; }

            public class ChargeService
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Process(string id, decimal amount)
                {
                    var charge = new Charge { Id = id, Amount = amount * (decimal)Random.Shared.NextDouble(), CreatedAt = DateTime.UtcNow.ToString("O") };
                    await Create(charge);
                }

                private async Task Create(Charge charge)
                {
                    var item = ToItem(charge);
                    await Db.PutItemAsync(new PutItemRequest { TableName = "charges", Item = item });
                }

                private static Dictionary<string, AttributeValue> ToItem(Charge charge) => new()
                {
                    ["pk"] = new AttributeValue { S = charge.Id },
                    ["amount"] = new AttributeValue { N = charge.Amount.ToString() },
                    ["createdAt"] = new AttributeValue { S = charge.CreatedAt },
                };
            }

            public class Handlers
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task OnCharge(CloudWatchEvent<Charge> evt, ILambdaContext context)
                {
                    await new ChargeService().Process(evt.Detail.Id, evt.Detail.Amount);
                }

                public async Task OnMessage(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "history",
                            Item = new Dictionary<string, AttributeValue>
                            {
                                ["session"] = new AttributeValue { S = message.MessageId },
                                ["kind"] = new AttributeValue { S = Kind() },
                            },
                        });
                    }
                }

                private static string Kind() => "message";
            }
            """);

        [Fact]
        public Task ScheduledHandler_SaveOfAnObjectGivenAGuidKeyThroughLocals_InAHelper_Triggers() => Verify.VerifyAsync(StorageUsings + """
            public class Seeder
            {
                public async Task Tick(Amazon.Lambda.CloudWatchEvents.ScheduledEvents.ScheduledEvent evt, ILambdaContext context)
                {
                    var context2 = new DynamoDBContext(new Amazon.DynamoDBv2.AmazonDynamoDBClient());
                    await AddOrder(context2);
                }

                private static async Task AddOrder(DynamoDBContext db)
                {
                    var guid = Guid.NewGuid();
                    var orderId = guid.ToString();
                    var order = new Order { OrderId = orderId, Body = "seed" };
                    await {|#0:db.SaveAsync(order)|};
                }
            }
            """,
            Verify.Diagnostic("LAM201").WithLocation(0).WithArguments("DynamoDBContext.SaveAsync", "Seeder.Tick", " (via Seeder.Tick → Seeder.AddOrder)", "asynchronous", "saves another item under a newly generated key"));

        [Fact]
        public Task ContextOnlyHandler_TriggerUnknown_SaveOfAGuidKey_DoesNotTrigger() => Verify.VerifyAsync(StorageUsings + """
            public class Seeder
            {
                public async Task Tick(ILambdaContext context)
                {
                    var db = new DynamoDBContext(new Amazon.DynamoDBv2.AmazonDynamoDBClient());
                    await db.SaveAsync(new Order { OrderId = Guid.NewGuid().ToString(), Body = "seed" });
                }
            }
            """);

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;
            using Queueing;

            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Handle(SQSEvent input)
                {
                    foreach (var message in input.Records)
                    {
                        await Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "payments",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } },
                        });
                    }
                }
            }

            namespace Queueing
            {
                public class SQSEvent
                {
                    public List<SQSMessage> Records { get; set; } = new();

                    public class SQSMessage
                    {
                        public string MessageId { get; set; } = "";
                        public string Body { get; set; } = "";
                    }
                }
            }
            """);
    }
}
