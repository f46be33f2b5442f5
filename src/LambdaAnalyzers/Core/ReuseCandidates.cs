using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>A creation Lambda wants done once per execution environment, and the rule that says so.</summary>
    internal readonly struct ReuseCandidate
    {
        public ReuseCandidate(string ruleId, ITypeSymbol createdType, bool isPooledConnection = false)
        {
            RuleId = ruleId;
            CreatedType = createdType;
            IsPooledConnection = isPooledConnection;
        }

        public string RuleId { get; }

        public ITypeSymbol CreatedType { get; }

        /// <summary>A pooled ADO.NET connection or a DbContext: the intended per-invocation pattern, reported only on request.</summary>
        public bool IsPooledConnection { get; }
    }

    /// <summary>
    /// The objects whose construction costs enough (TLS handshakes, credential resolution, socket and pool
    /// setup, regex compilation, reflection caches) that Lambda code should pay for it once, at init.
    /// </summary>
    internal static class ReuseCandidates
    {
        public static ReuseCandidate? Classify(IOperation operation, WellKnownTypes types)
        {
            switch (operation)
            {
                case IObjectCreationOperation { Type: { } type }:
                    return ClassifyConstruction(type, types);
                case IInvocationOperation invocation:
                    return ClassifyFactoryCall(invocation.TargetMethod, types);
                default:
                    return null;
            }
        }

        private static ReuseCandidate? ClassifyConstruction(ITypeSymbol type, WellKnownTypes types)
        {
            if (types.Implements(type, types.IAmazonService) || type.IsOrDerivesFrom(types.DynamoDBContext) || type.IsOrDerivesFrom(types.TransferUtility))
            {
                return new ReuseCandidate(RuleIds.AwsClientPerInvocation, type);
            }

            if (type.IsOrDerivesFrom(types.HttpClient) || type.IsOrDerivesFrom(types.HttpMessageHandler))
            {
                return new ReuseCandidate(RuleIds.HttpClientPerInvocation, type);
            }

            if (type.Is(types.MongoClient))
            {
                return new ReuseCandidate(RuleIds.ConnectionPoolPerInvocation, type);
            }

            if (type.Is(types.NpgsqlConnection) || type.Is(types.MicrosoftSqlConnection) || type.Is(types.SystemSqlConnection)
                || type.Is(types.SqliteConnection) || type.IsOrDerivesFrom(types.DbContext))
            {
                return new ReuseCandidate(RuleIds.ConnectionPoolPerInvocation, type, isPooledConnection: true);
            }

            if (type.Is(types.JsonSerializerOptions) || type.Is(types.Regex) || type.Is(types.X509Certificate2))
            {
                return new ReuseCandidate(RuleIds.CostlyObjectPerInvocation, type);
            }

            return null;
        }

        private static ReuseCandidate? ClassifyFactoryCall(IMethodSymbol method, WellKnownTypes types)
        {
            var declaringType = method.ContainingType;
            var returned = method.ReturnType;
            switch (method.Name)
            {
                case "Build" when types.Implements(declaringType, types.IDynamoDBContextBuilder):
                    return new ReuseCandidate(RuleIds.AwsClientPerInvocation, returned);
                case "Create" when method.IsStatic && declaringType.Is(types.NpgsqlDataSource):
                case "Build" or "BuildMultiHost" when declaringType.Is(types.NpgsqlDataSourceBuilder):
                case "Connect" or "ConnectAsync" or "SentinelConnect" or "SentinelConnectAsync" when declaringType.Is(types.ConnectionMultiplexer):
                    return new ReuseCandidate(RuleIds.ConnectionPoolPerInvocation, returned);
                case "BuildServiceProvider" when declaringType.Is(types.ServiceCollectionContainerBuilderExtensions):
                case "Build" when method.Parameters.Length == 0 && types.Implements(declaringType, types.IConfigurationBuilder):
                    return new ReuseCandidate(RuleIds.CostlyObjectPerInvocation, returned);
                case "CreateFromPem" or "CreateFromPemFile" or "CreateFromEncryptedPem" or "CreateFromEncryptedPemFile" when declaringType.Is(types.X509Certificate2):
                case "LoadCertificate" or "LoadCertificateFromFile" or "LoadPkcs12" or "LoadPkcs12FromFile" when declaringType.Is(types.X509CertificateLoader):
                    return new ReuseCandidate(RuleIds.CostlyObjectPerInvocation, returned);
                default:
                    return null;
            }
        }
    }
}
