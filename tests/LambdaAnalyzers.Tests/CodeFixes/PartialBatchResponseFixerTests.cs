using Fix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.WholeBatchFailsAnalyzer, LambdaAnalyzers.CodeFixes.Rules.PartialBatchResponseFixer>;

namespace LambdaAnalyzers.Tests.CodeFixes
{
    public class PartialBatchResponseFixerTests
    {
        [Fact]
        public Task Fix_AsyncSqsHandler_ReturnsBatchResponse() => Fix.VerifyFixAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async Task {|LAM202:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    context.Logger.LogLine("batch");
                    foreach (var message in evt.Records)
                    {
                        await ProcessAsync(message.Body);
                    }
                }

                private static Task ProcessAsync(string body) => File.WriteAllTextAsync("/tmp/order", body);
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
                {
                    context.Logger.LogLine("batch");
                    var batchItemFailures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            await ProcessAsync(message.Body);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }

                    return new SQSBatchResponse { BatchItemFailures = batchItemFailures };
                }

                private static Task ProcessAsync(string body) => File.WriteAllTextAsync("/tmp/order", body);
            }
            """);

        [Fact]
        public Task Fix_KinesisHandler_StopsAtFirstFailure() => Fix.VerifyFixAsync("""
            using System;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Streams
            {
                public void {|LAM202:Handle|}(KinesisEvent evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                        File.Delete(record.Kinesis.PartitionKey);
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Streams
            {
                public StreamsEventResponse Handle(KinesisEvent evt, ILambdaContext context)
                {
                    var batchItemFailures = new List<StreamsEventResponse.BatchItemFailure>();
                    foreach (var record in evt.Records)
                    {
                        try
                        {
                            File.Delete(record.Kinesis.PartitionKey);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Kinesis.SequenceNumber });
                            break;
                        }
                    }

                    return new StreamsEventResponse { BatchItemFailures = batchItemFailures };
                }
            }
            """);

        [Fact]
        public Task Fix_LoopOverALocalAlias_ReturnsBatchResponse() => Fix.VerifyFixAsync("""
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public void {|LAM202:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    var records = evt.Records;
                    foreach (var message in records)
                    {
                        File.Delete(message.Body);
                    }
                }

                public void {|LAM202:Other|}(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        File.Delete(message.MessageId);
                    }
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public SQSBatchResponse Handle(SQSEvent evt, ILambdaContext context)
                {
                    var records = evt.Records;
                    var batchItemFailures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in records)
                    {
                        try
                        {
                            File.Delete(message.Body);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }

                    return new SQSBatchResponse { BatchItemFailures = batchItemFailures };
                }

                public SQSBatchResponse Other(SQSEvent evt, ILambdaContext context)
                {
                    var batchItemFailures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            File.Delete(message.MessageId);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }

                    return new SQSBatchResponse { BatchItemFailures = batchItemFailures };
                }
            }
            """);

        [Fact]
        public Task NoFix_WhenTheHandlerReturnsEarlyOrUsesLinq() => Fix.VerifyNoFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class OrderHandler
            {
                public async Task {|LAM202:Handle|}(SQSEvent evt, ILambdaContext context)
                {
                    if (evt.Records.Count == 0)
                    {
                        return;
                    }

                    foreach (var message in evt.Records)
                    {
                        await Task.Delay(message.Body.Length);
                    }
                }

                public Task {|LAM202:All|}(SQSEvent evt, ILambdaContext context) => Task.WhenAll(evt.Records.Select(m => Task.Delay(m.Body.Length)));
            }
            """);

        [Fact]
        public Task NoFix_ForAKafkaHandler() => Fix.VerifyNoFixAsync("""
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KafkaEvents;

            public class Consumer
            {
                public async Task {|LAM202:OnOrders|}(KafkaEvent evt, ILambdaContext context)
                {
                    foreach (var partition in evt.Records)
                    {
                        foreach (var record in partition.Value)
                        {
                            await JsonSerializer.DeserializeAsync<JsonElement>(record.Value);
                        }
                    }
                }
            }
            """);
    }
}
