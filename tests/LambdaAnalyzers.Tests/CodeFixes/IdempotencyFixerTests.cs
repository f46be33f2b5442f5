using PutFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.NonIdempotentSideEffectAnalyzer, LambdaAnalyzers.CodeFixes.Rules.ConditionalPutFixer>;
using IdempotentFix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.NonIdempotentSideEffectAnalyzer, LambdaAnalyzers.CodeFixes.Rules.AddIdempotentAttributeFixer>;

namespace LambdaAnalyzers.Tests.CodeFixes
{
    /// <summary>LAM201's fixes: a write keyed by the record's ID that succeeds once, and Powertools [Idempotent].</summary>
    public class IdempotencyFixerTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SNSEvents;
            using Amazon.Lambda.SQSEvents;

            """;

        [Fact]
        public Task GeneratedKey_BecomesTheMessageId_WithAConditionThatFailsOnTheSecondDelivery() => PutFix.VerifyFixAsync(Usings + """
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|LAM201:Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "payments",
                            Item = new Dictionary<string, AttributeValue>
                            {
                                ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() },
                                ["body"] = new AttributeValue { S = message.Body },
                            },
                        })|};
                    }
                }
            }
            """, Usings + """
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "payments",
                            Item = new Dictionary<string, AttributeValue>
                            {
                                ["pk"] = new AttributeValue { S = message.MessageId },
                                ["body"] = new AttributeValue { S = message.Body },
                            },
                            ConditionExpression = "attribute_not_exists(#pk)",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = "pk" },
                        });
                    }
                }
            }
            """);

        /// <summary>
        /// One at a time, the first fix already guards the lambda (the analyzer takes a conditional write on the
        /// path as the guard), so the second write is no longer reported; Fix All keys both.
        /// </summary>
        [Fact]
        public async Task SnsRecordInALambda_ConstructorFormOfAttributeValue_FixAllKeysBoth()
        {
            const string before = Usings + """
                public class ReceiptHandler
                {
                    private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                    public Task Handle(SNSEvent evt, ILambdaContext context)
                        => Task.WhenAll(System.Linq.Enumerable.Select(evt.Records, async record =>
                        {
                            await {|LAM201:Db.PutItemAsync(new PutItemRequest { TableName = "receipts", Item = new Dictionary<string, AttributeValue> { { "id", new AttributeValue(Guid.NewGuid().ToString("N")) } } })|};
                            await {|LAM201:Db.PutItemAsync(new PutItemRequest { TableName = "audit", Item = new Dictionary<string, AttributeValue> { ["Order Id"] = new AttributeValue { S = Guid.NewGuid().ToString() } } })|};
                        }));
                }
                """;
            var test = new PutFix.CodeFixTest
            {
                TestCode = before,
                FixedCode = Usings + """
                    public class ReceiptHandler
                    {
                        private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                        public Task Handle(SNSEvent evt, ILambdaContext context)
                            => Task.WhenAll(System.Linq.Enumerable.Select(evt.Records, async record =>
                            {
                                await Db.PutItemAsync(new PutItemRequest { TableName = "receipts", Item = new Dictionary<string, AttributeValue> { { "id", new AttributeValue(record.Sns.MessageId) } }, ConditionExpression = "attribute_not_exists(#id)", ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = "id" } });
                                await Db.PutItemAsync(new PutItemRequest { TableName = "audit", Item = new Dictionary<string, AttributeValue> { ["Order Id"] = new AttributeValue { S = Guid.NewGuid().ToString() } } });
                            }));
                    }
                    """,
                BatchFixedCode = Usings + """
                    public class ReceiptHandler
                    {
                        private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                        public Task Handle(SNSEvent evt, ILambdaContext context)
                            => Task.WhenAll(System.Linq.Enumerable.Select(evt.Records, async record =>
                            {
                                await Db.PutItemAsync(new PutItemRequest { TableName = "receipts", Item = new Dictionary<string, AttributeValue> { { "id", new AttributeValue(record.Sns.MessageId) } }, ConditionExpression = "attribute_not_exists(#id)", ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = "id" } });
                                await Db.PutItemAsync(new PutItemRequest { TableName = "audit", Item = new Dictionary<string, AttributeValue> { ["Order Id"] = new AttributeValue { S = record.Sns.MessageId } }, ConditionExpression = "attribute_not_exists(#orderid)", ExpressionAttributeNames = new Dictionary<string, string> { ["#orderid"] = "Order Id" } });
                            }));
                    }
                    """,
            };
            await test.RunAsync();
        }

        [Fact]
        public Task NoRecordInScope_OrKeyNotAPlainNewGuid_NoFix() => PutFix.VerifyNoFixAsync(Usings + """
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await StoreAsync(message.Body);
                        await {|LAM201:Db.PutItemAsync(new PutItemRequest
                        {
                            TableName = "payments",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "p-" + DateTime.UtcNow.Ticks } },
                        })|};
                    }
                }

                private static Task StoreAsync(string body)
                    => {|LAM201:Db.PutItemAsync(new PutItemRequest
                    {
                        TableName = "payments",
                        Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } },
                    })|};
            }
            """);

        [Fact]
        public Task Powertools_IdempotentOnTheHandler_OncePerHandler_FixAll() => IdempotentFix.VerifyFixAsync(Usings + """
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await ChargeAsync(message.Body);
                        await {|LAM201:Db.UpdateItemAsync(new UpdateItemRequest { TableName = "stats", UpdateExpression = "ADD charges :one" })|};
                    }
                }

                private static Task ChargeAsync(string body)
                    => {|LAM201:Db.PutItemAsync(new PutItemRequest { TableName = "payments", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } } })|};
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SNSEvents;
            using Amazon.Lambda.SQSEvents;
            using AWS.Lambda.Powertools.Idempotency;
            public class PaymentHandler
            {
                private static readonly IAmazonDynamoDB Db = new AmazonDynamoDBClient();

                [Idempotent]
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await ChargeAsync(message.Body);
                        await Db.UpdateItemAsync(new UpdateItemRequest { TableName = "stats", UpdateExpression = "ADD charges :one" });
                    }
                }

                private static Task ChargeAsync(string body)
                    => Db.PutItemAsync(new PutItemRequest { TableName = "payments", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } } });
            }
            """);

        /// <summary>The new kinds of effect (an SNS publish, an e-mail, an EF Core insert) take the same [Idempotent] fix, once per handler.</summary>
        [Fact]
        public Task Powertools_IdempotentOnTheHandler_ForPublishAndEmail_FixAll() => IdempotentFix.VerifyFixAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.SimpleEmail;
            using Amazon.SimpleEmail.Model;
            using Amazon.SimpleNotificationService;

            public class OrderHandler
            {
                private static readonly IAmazonSimpleNotificationService Sns = new AmazonSimpleNotificationServiceClient();
                private static readonly IAmazonSimpleEmailService Ses = new AmazonSimpleEmailServiceClient();

                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await {|LAM201:Sns.PublishAsync("arn:aws:sns:eu-west-1:123456789012:orders", message.Body)|};
                        await {|LAM201:Ses.SendEmailAsync(new SendEmailRequest { Source = "shop@example.com" })|};
                    }
                }
            }
            """, """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.SimpleEmail;
            using Amazon.SimpleEmail.Model;
            using Amazon.SimpleNotificationService;
            using AWS.Lambda.Powertools.Idempotency;

            public class OrderHandler
            {
                private static readonly IAmazonSimpleNotificationService Sns = new AmazonSimpleNotificationServiceClient();
                private static readonly IAmazonSimpleEmailService Ses = new AmazonSimpleEmailServiceClient();

                [Idempotent]
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await Sns.PublishAsync("arn:aws:sns:eu-west-1:123456789012:orders", message.Body);
                        await Ses.SendEmailAsync(new SendEmailRequest { Source = "shop@example.com" });
                    }
                }
            }
            """);
    }
}
