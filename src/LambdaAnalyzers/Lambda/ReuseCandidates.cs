using System.Collections.Immutable;
using System.Linq;
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
        /// <param name="reusableClientTypes">More client types that own an HttpClient, from <c>lambda_analyzers.reusable_client_types</c>.</param>
        public static ReuseCandidate? Classify(IOperation operation, WellKnownTypes types, ImmutableArray<INamedTypeSymbol> reusableClientTypes = default)
        {
            switch (operation)
            {
                case IObjectCreationOperation { Type: { } type } creation:
                    return ClassifyConstruction(creation, type, types, reusableClientTypes);
                case IInvocationOperation invocation:
                    return ClassifyFactoryCall(invocation, types);
                default:
                    return null;
            }
        }

        private static ReuseCandidate? ClassifyConstruction(IObjectCreationOperation creation, ITypeSymbol type, WellKnownTypes types, ImmutableArray<INamedTypeSymbol> reusableClientTypes)
        {
            if (types.Implements(type, types.IAmazonService) || type.IsOrDerivesFrom(types.DynamoDBContext) || type.IsOrDerivesFrom(types.TransferUtility))
            {
                return new ReuseCandidate(RuleIds.AwsClientPerInvocation, type);
            }

            if (type.IsOrDerivesFrom(types.HttpClient) || type.IsOrDerivesFrom(types.HttpMessageHandler))
            {
                return new ReuseCandidate(RuleIds.HttpClientPerInvocation, type);
            }

            if (types.IsHttpClientLibrary(type))
            {
                return WrapsSharedHttpClient(creation.Arguments, types) || UsesRestSharpClientFactory(creation) ? null : new ReuseCandidate(RuleIds.HttpClientPerInvocation, type);
            }

            if (!reusableClientTypes.IsDefaultOrEmpty && reusableClientTypes.Any(configured => type.IsOrDerivesFrom(configured) || types.Implements(type, configured)))
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

        private static ReuseCandidate? ClassifyFactoryCall(IInvocationOperation invocation, WellKnownTypes types)
        {
            var method = invocation.TargetMethod;
            var declaringType = method.ContainingType;
            var returned = method.ReturnType;
            switch (method.Name)
            {
                case "For" or "ForGenerated" when method.IsStatic && method.IsGenericMethod && returned is not IErrorTypeSymbol && declaringType.Is(types.RefitRestService):
                    return WrapsSharedHttpClient(invocation.Arguments, types) ? null : new ReuseCandidate(RuleIds.HttpClientPerInvocation, returned);
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

        /// <summary>
        /// A client library given an HttpClient or message handler that already exists (a static one, one from
        /// IHttpClientFactory) only wraps it: the connections are the shared object's, so building the wrapper per
        /// invocation costs little. One given a new HttpClient right there is reported, once, on the outer creation.
        /// An argument the compilation cannot bind (half-typed code) might be such a shared client: the rule stays silent.
        /// </summary>
        private static bool WrapsSharedHttpClient(ImmutableArray<IArgumentOperation> arguments, WellKnownTypes types)
            => arguments.Any(a => a.Value is IInvalidOperation || a.Value.Type is IErrorTypeSymbol || a.Value.WithoutConversions().Type is IErrorTypeSymbol)
               || arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue
                                  && (a.Parameter?.Type.IsOrDerivesFrom(types.HttpClient) == true || a.Parameter?.Type.IsOrDerivesFrom(types.HttpMessageHandler) == true)
                                  && a.Value.WithoutConversions() is not (IObjectCreationOperation or ILiteralOperation or IDefaultValueOperation));

        /// <summary><c>new RestClient(options, useClientFactory: true)</c> takes its HttpClient from RestSharp's own static cache, one per base URL.</summary>
        private static bool UsesRestSharpClientFactory(IObjectCreationOperation creation)
            => creation.Arguments.Any(a => a.Parameter?.Name == "useClientFactory" && a.Value.ConstantValue is { HasValue: true, Value: true });
    }
}
