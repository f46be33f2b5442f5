namespace LambdaAnalyzers
{
    /// <summary>The rule catalog's IDs. They are fixed once shipped (see docs/rules).</summary>
    public static class RuleIds
    {
        public const string AwsClientPerInvocation = "LAM001";
        public const string HttpClientPerInvocation = "LAM002";
        public const string ConnectionPoolPerInvocation = "LAM003";
        public const string CostlyObjectPerInvocation = "LAM004";
        public const string SecretFetchedPerInvocation = "LAM005";
        public const string PlaintextSecret = "LAM101";
        public const string HardcodedCredential = "LAM102";
        public const string SecretLogged = "LAM103";
        public const string NonIdempotentSideEffect = "LAM201";
        public const string WholeBatchFails = "LAM202";
        public const string FailureSwallowed = "LAM203";
        public const string AsyncVoidHandler = "LAM301";
        public const string WorkLeftRunning = "LAM302";
        public const string BlockingOnAsync = "LAM303";
        public const string InvocationDataInSharedState = "LAM304";
        public const string SynchronousLambdaInvoke = "LAM305";
        public const string HandlerRuntimeRefuses = "LAM306";
        public const string DeploymentFileUnreadable = "LAM400";
        public const string HandlerStringUnresolved = "LAM401";
        public const string BatchResponseMismatch = "LAM402";
        public const string SqsDeadLetterQueueOnFunction = "LAM403";
        public const string AsyncFailuresDropped = "LAM404";
        public const string TemplateSecret = "LAM405";
        public const string VisibilityTimeoutTooShort = "LAM406";
    }
}
