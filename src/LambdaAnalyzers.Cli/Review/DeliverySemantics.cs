using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LambdaAnalyzers.Deployment;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Cli.Review
{
    /// <summary>
    /// What a reviewer needs to know about how a handler is invoked and what Lambda does when it fails, in the
    /// words of docs/lambda-semantics.md: from the trigger the code implies and, when a template deploys the handler,
    /// from the event source, the queue's redrive policy, the dead-letter queue and the destinations it sets.
    /// </summary>
    internal static class DeliverySemantics
    {
        public static string TriggerName(Trigger trigger) => trigger switch
        {
            Trigger.Synchronous => "synchronous (API Gateway, ALB, Function URL)",
            Trigger.Asynchronous => "asynchronous (S3, SNS, EventBridge, schedules)",
            Trigger.QueuePoll => "SQS event source mapping",
            Trigger.StreamPoll => "stream event source mapping (Kinesis, DynamoDB Streams, Kafka)",
            _ => "unknown (plain input type and no template event): treated as synchronous",
        };

        public static string Delivery(Trigger trigger) => trigger switch
        {
            Trigger.Asynchronous => "at least once: queued by Lambda, retried twice by default, duplicates possible",
            Trigger.QueuePoll => "at least once, in batches: a failed batch becomes visible again after the queue's visibility timeout",
            Trigger.StreamPoll => "at least once, in order per shard: a failed batch is retried and blocks its shard",
            _ => "once per request: Lambda does not retry; the caller sees the error",
        };

        /// <param name="deploymentFiles">The project's readable deployment files, to say which of them do not deploy an undeployed handler.</param>
        /// <param name="unreadableFiles">The deployment files LAM400 reports: one of them may deploy the handler.</param>
        public static string OnFailure(Trigger trigger, DeployedFunction? function, DeploymentFile? file, IReadOnlyList<string> deploymentFiles, IReadOnlyList<string> unreadableFiles)
        {
            if (function is null || file is null)
            {
                var why = unreadableFiles.Count > 0 ? $"{string.Join(" and ", unreadableFiles)} could not be read (LAM400)"
                    : deploymentFiles.Count == 0 ? "no template found"
                    : $"no function in {string.Join(" or ", deploymentFiles)} names this handler";
                return trigger switch
                {
                    Trigger.Asynchronous => why + ": after 3 attempts the event is dropped unless a DLQ or on-failure destination is configured",
                    Trigger.QueuePoll => why + ": retried until the queue's redrive policy moves it to a DLQ, or until retention expires",
                    Trigger.StreamPoll => why + ": retried until the records expire (24 h by default), blocking the shard",
                    _ => "the caller gets the error",
                };
            }

            return trigger switch
            {
                Trigger.Asynchronous => AsyncFailure(function, file),
                Trigger.QueuePoll => QueueFailure(function, file),
                Trigger.StreamPoll => StreamFailure(function),
                _ => "the caller gets the error",
            };
        }

        private static string AsyncFailure(DeployedFunction function, DeploymentFile file)
        {
            var retries = DeploymentFile.Scalar(function.Property("EventInvokeConfig") as YamlMappingNode, "MaximumRetryAttempts") ?? "2";
            var attempts = int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? (r + 1).ToString(CultureInfo.InvariantCulture) : "1 + " + retries;
            var target = file.HasOnFailureDestination(function) ? "goes to the on-failure destination"
                : function.HasDeadLetterQueue ? "goes to the function's dead-letter queue"
                : "is dropped (no DLQ or on-failure destination)";
            return $"after {attempts} attempts (or 6 h) the event {target}";
        }

        private static string QueueFailure(DeployedFunction function, DeploymentFile file)
        {
            var sqs = function.Events.First(e => e.IsSqs);
            var partial = sqs.ReportsBatchItemFailures ? "only the failed messages return (ReportBatchItemFailures)" : "the whole batch returns, successful messages too";
            if (file.QueueOf(sqs) is not { } queue)
            {
                return partial + "; the queue is not declared in the template";
            }

            var redrive = DeploymentFile.PropertyOf(queue.Body, "RedrivePolicy") as YamlMappingNode;
            if (redrive is null)
            {
                return $"{partial}; queue {queue.Key.Value} has no redrive policy: retried until retention expires, then lost";
            }

            var maxReceives = DeploymentFile.Scalar(redrive, "maxReceiveCount") ?? "?";
            var deadLetter = DeploymentFile.ReferencedId(DeploymentFile.Child(redrive, "deadLetterTargetArn")) ?? "its dead-letter queue";
            return $"{partial}; after {maxReceives} receives queue {queue.Key.Value} moves the message to {deadLetter}";
        }

        private static string StreamFailure(DeployedFunction function)
        {
            var stream = function.Events.FirstOrDefault(e => e.Trigger == Trigger.StreamPoll);
            var retries = DeploymentFile.Scalar(stream?.Properties, "MaximumRetryAttempts");
            var limit = retries is null or "-1" ? "retried until the records expire, blocking the shard" : $"retried {retries} times, blocking the shard";
            var bisect = DeploymentFile.Scalar(stream?.Properties, "BisectBatchOnFunctionError") == "true" ? "; failing batches are split in two" : string.Empty;
            var destination = DeploymentFile.Child(DeploymentFile.Child(stream?.Properties, "DestinationConfig") as YamlMappingNode, "OnFailure") is not null
                ? "; then the batch's metadata goes to the on-failure destination"
                : "; then the records are skipped with no record of them";
            return limit + bisect + destination;
        }
    }
}
