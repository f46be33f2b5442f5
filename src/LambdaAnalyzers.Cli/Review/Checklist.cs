using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Cli.Review
{
    /// <summary>The questions a Lambda code review asks of each handler.</summary>
    internal enum Concern
    {
        ClientsReused,
        Secrets,
        Idempotency,
        FailureHandling,
        AsyncCorrectness,
        HandlerContract,
    }

    /// <summary>Which rules answer which question of the checklist.</summary>
    internal static class Checklist
    {
        private static readonly Dictionary<Concern, string[]> RulesByConcern = new()
        {
            [Concern.ClientsReused] = new[] { RuleIds.AwsClientPerInvocation, RuleIds.HttpClientPerInvocation, RuleIds.ConnectionPoolPerInvocation, RuleIds.CostlyObjectPerInvocation, RuleIds.SecretFetchedPerInvocation },
            [Concern.Secrets] = new[] { RuleIds.PlaintextSecret, RuleIds.HardcodedCredential, RuleIds.SecretLogged, RuleIds.TemplateSecret },
            [Concern.Idempotency] = new[] { RuleIds.NonIdempotentSideEffect },
            [Concern.FailureHandling] = new[] { RuleIds.WholeBatchFails, RuleIds.FailureSwallowed, RuleIds.BatchResponseMismatch, RuleIds.SqsDeadLetterQueueOnFunction, RuleIds.AsyncFailuresDropped, RuleIds.VisibilityTimeoutTooShort },
            [Concern.AsyncCorrectness] = new[] { RuleIds.WorkLeftRunning, RuleIds.BlockingOnAsync, RuleIds.SynchronousLambdaInvoke },

            // An async void handler is first of all one the runtime refuses to load (LAM301's message says so).
            [Concern.HandlerContract] = new[] { RuleIds.AsyncVoidHandler, RuleIds.InvocationDataInSharedState, RuleIds.HandlerRuntimeRefuses, RuleIds.HandlerStringUnresolved },
        };

        /// <summary>Rules about a whole file, never about one handler: they are listed for the project.</summary>
        public static IReadOnlyList<string> ProjectRules { get; } = new[] { RuleIds.DeploymentFileUnreadable };

        public static IEnumerable<Concern> Concerns => RulesByConcern.Keys;

        public static IReadOnlyList<string> RulesOf(Concern concern) => RulesByConcern[concern];

        public static string Title(Concern concern) => concern switch
        {
            Concern.ClientsReused => "Clients and connections created once per environment",
            Concern.Secrets => "Secrets kept out of code, configuration and logs",
            Concern.Idempotency => "Side effects safe under duplicate delivery",
            Concern.FailureHandling => "Failures retried or dead-lettered, never lost",
            Concern.AsyncCorrectness => "Async work finished before the handler returns",
            Concern.HandlerContract => "Handler loads and keeps no per-invocation state",
            _ => concern.ToString(),
        };

        /// <summary>A question only matters for some deliveries: duplicates and batches are at-least-once matters.</summary>
        public static bool AppliesTo(Concern concern, Trigger trigger)
            => concern != Concern.Idempotency || trigger.IsAtLeastOnce();

        public static Check Answer(Concern concern, Trigger trigger, IEnumerable<Finding> findings)
        {
            var rules = RulesOf(concern);
            var relevant = findings.Where(f => rules.Contains(f.RuleId)).OrderBy(f => f.Path).ThenBy(f => f.Line).ToList();
            if (relevant.Count > 0)
            {
                return new Check(concern, CheckStatus.Failed, relevant);
            }

            return AppliesTo(concern, trigger)
                ? new Check(concern, CheckStatus.Passed, relevant)
                : new Check(concern, CheckStatus.NotApplicable, relevant, "delivered once: the caller sees the error and decides");
        }
    }
}
