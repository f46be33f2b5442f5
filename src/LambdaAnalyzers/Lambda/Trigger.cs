using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>How Lambda delivers events to a handler, which decides what a failure or a duplicate costs.</summary>
    internal enum Trigger
    {
        /// <summary>A plain input type with no template event: treated as synchronous, so the at-least-once rules stay silent.</summary>
        Unknown,

        /// <summary>API Gateway, ALB, Function URLs: delivered once; the caller retries.</summary>
        Synchronous,

        /// <summary>S3, SNS, EventBridge and schedules: at least once; two retries by default.</summary>
        Asynchronous,

        /// <summary>SQS: at least once; the whole batch is redelivered after the visibility timeout.</summary>
        QueuePoll,

        /// <summary>Kinesis, DynamoDB Streams, Kafka: at least once; retried until success or expiry, blocking the shard.</summary>
        StreamPoll,
    }

    internal static class TriggerInference
    {
        /// <summary>The trigger from the event parameter's type or the Annotations event attributes.</summary>
        public static Trigger Infer(IMethodSymbol handler, WellKnownTypes types)
        {
            foreach (var attribute in handler.GetAttributes())
            {
                var attributeType = attribute.AttributeClass;
                if (attributeType.Is(types.RestApiAttribute) || attributeType.Is(types.HttpApiAttribute))
                {
                    return Trigger.Synchronous;
                }

                if (attributeType.Is(types.SqsEventAttribute))
                {
                    return Trigger.QueuePoll;
                }
            }

            if (handler.Parameters.Length == 0)
            {
                return Trigger.Unknown;
            }

            var input = handler.Parameters[0].Type;
            if (input.IsOrDerivesFrom(types.SqsEvent))
            {
                return Trigger.QueuePoll;
            }

            if (input.IsOrDerivesFrom(types.KinesisEvent) || input.IsOrDerivesFrom(types.DynamoDBEvent) || input.IsOrDerivesFrom(types.KafkaEvent))
            {
                return Trigger.StreamPoll;
            }

            if (input.IsOrDerivesFrom(types.S3Event) || input.IsOrDerivesFrom(types.SnsEvent) || input.IsOrDerivesFrom(types.CloudWatchEvent))
            {
                return Trigger.Asynchronous;
            }

            var ns = input.ContainingNamespace?.ToDisplayString();
            if (ns is "Amazon.Lambda.APIGatewayEvents" or "Amazon.Lambda.ApplicationLoadBalancerEvents")
            {
                return Trigger.Synchronous;
            }

            return Trigger.Unknown;
        }

        /// <summary>How a message names the delivery: "SQS", "stream", "asynchronous".</summary>
        public static string EventSourceName(this Trigger trigger) => trigger switch
        {
            Trigger.QueuePoll => "SQS",
            Trigger.StreamPoll => "stream",
            Trigger.Asynchronous => "asynchronous",
            _ => "synchronous",
        };

        public static bool IsAtLeastOnce(this Trigger trigger) => trigger is Trigger.Asynchronous or Trigger.QueuePoll or Trigger.StreamPoll;
    }
}
