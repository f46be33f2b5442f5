namespace LambdaAnalyzers
{
    internal static class RuleCategories
    {
        /// <summary>Initialise once per execution environment.</summary>
        public const string Reuse = "Lambda.Reuse";
        public const string Secrets = "Lambda.Secrets";
        public const string Delivery = "Lambda.Delivery";
        public const string ExecutionModel = "Lambda.ExecutionModel";
        public const string Deployment = "Lambda.Deployment";
    }
}
