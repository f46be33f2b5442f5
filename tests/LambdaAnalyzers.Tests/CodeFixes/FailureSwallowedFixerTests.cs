using Fix = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.FailureSwallowedAnalyzer, LambdaAnalyzers.CodeFixes.Rules.RethrowFixer>;

namespace LambdaAnalyzers.Tests.CodeFixes
{
    /// <summary>
    /// LAM203's fix. A rethrow in a batch handler that already returns a partial batch response would fail the
    /// whole batch (LAM202's consequence); there the record goes to BatchItemFailures instead.
    /// </summary>
    public class FailureSwallowedFixerTests
    {
        [Fact]
        public Task Fix_InAPartialBatchSqsHandler_AddsTheRecordToTheFailures_InEveryCatch() => Fix.VerifyFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        }
                        {|LAM203:catch (Exception ex)|}
                        {
                            context.Logger.LogError(ex.Message);
                            continue;
                        }

                        try
                        {
                            File.Delete("/tmp/" + message.MessageId);
                        }
                        {|LAM203:catch|}
                        {
                        }
                    }

                    return new SQSBatchResponse(failures);
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                        }
                        catch (Exception ex)
                        {
                            context.Logger.LogError(ex.Message);
                            failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                            continue;
                        }

                        try
                        {
                            File.Delete("/tmp/" + message.MessageId);
                        }
                        catch
                        {
                            failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }

                    return new SQSBatchResponse(failures);
                }
            }
            """);

        [Fact]
        public Task Fix_InAPartialBatchStreamHandler_AddsTheSequenceNumberToTheResponse_AndStops() => Fix.VerifyFixAsync("""
            using System;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Streams
            {
                public StreamsEventResponse Handle(KinesisEvent evt, ILambdaContext context)
                {
                    var response = new StreamsEventResponse();
                    foreach (var record in evt.Records)
                    {
                        try
                        {
                            File.Delete(record.Kinesis.PartitionKey);
                        }
                        {|LAM203:catch (Exception ex)|}
                        {
                            context.Logger.LogError(ex.Message);
                        }
                    }

                    return response;
                }
            }
            """, """
            using System;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.KinesisEvents;

            public class Streams
            {
                public StreamsEventResponse Handle(KinesisEvent evt, ILambdaContext context)
                {
                    var response = new StreamsEventResponse();
                    foreach (var record in evt.Records)
                    {
                        try
                        {
                            File.Delete(record.Kinesis.PartitionKey);
                        }
                        catch (Exception ex)
                        {
                            context.Logger.LogError(ex.Message);
                            response.BatchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Kinesis.SequenceNumber });
                            break;
                        }
                    }

                    return response;
                }
            }
            """);

        [Fact]
        public Task Fix_InAHelperWhoseCallSiteRecordsFailures_Rethrows() => Fix.VerifyFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            await ProcessMessageAsync(message, context);
                        }
                        catch (Exception)
                        {
                            failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }

                    return new SQSBatchResponse(failures);
                }

                private static async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                    {|LAM203:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                    }
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evt.Records)
                    {
                        try
                        {
                            await ProcessMessageAsync(message, context);
                        }
                        catch (Exception)
                        {
                            failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }

                    return new SQSBatchResponse(failures);
                }

                private static async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.Message);
                        throw;
                    }
                }
            }
            """);

        [Fact]
        public Task NoFix_InAHelperOfAPartialBatchHandlerWhoseCallSiteIsUnguarded() => Fix.VerifyNoFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task<SQSBatchResponse> Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        await ProcessMessageAsync(message, context);
                    }

                    return new SQSBatchResponse(new List<SQSBatchResponse.BatchItemFailure>());
                }

                private static async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    try
                    {
                        await File.WriteAllTextAsync("/tmp/" + message.MessageId, message.Body);
                    }
                    {|LAM203:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_InAHelperOfAnAsynchronousHandler_Rethrows() => Fix.VerifyFixAsync("""
            using System;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.S3Events;

            public class Uploads
            {
                public void Handle(S3Event evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        Copy(record.S3.Object.Key, context);
                    }
                }

                private static void Copy(string key, ILambdaContext context)
                {
                    try
                    {
                        File.Copy(key, "/tmp/" + key);
                    }
                    {|LAM203:catch (Exception ex)|}
                    {
                        context.Logger.LogError(ex.Message);
                    }
                }
            }
            """, """
            using System;
            using System.IO;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.S3Events;

            public class Uploads
            {
                public void Handle(S3Event evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records)
                    {
                        Copy(record.S3.Object.Key, context);
                    }
                }

                private static void Copy(string key, ILambdaContext context)
                {
                    try
                    {
                        File.Copy(key, "/tmp/" + key);
                    }
                    catch (Exception ex)
                    {
                        context.Logger.LogError(ex.Message);
                        throw;
                    }
                }
            }
            """);
    }
}
