using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Every type the rules recognise, resolved by metadata name once per compilation. A null means the
    /// compilation does not reference the package that defines it, so the rule that needs it stays silent.
    /// </summary>
    internal sealed partial class WellKnownTypes
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, ConcurrentDictionary<ITypeSymbol, bool>> _implementers = new(SymbolEqualityComparer.Default);
        private readonly Compilation _compilation;

        public WellKnownTypes(Compilation compilation)
        {
            _compilation = compilation;

            // Lambda runtime and events.
            ILambdaContext = Get(compilation, "Amazon.Lambda.Core.ILambdaContext");
            LambdaFunctionAttribute = Get(compilation, "Amazon.Lambda.Annotations.LambdaFunctionAttribute");
            LambdaBootstrapBuilder = Get(compilation, "Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder");
            LambdaSerializerAttribute = Get(compilation, "Amazon.Lambda.Core.LambdaSerializerAttribute");
            DefaultLambdaJsonSerializer = Get(compilation, "Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer");
            Stream = Get(compilation, "System.IO.Stream");
            RestApiAttribute = Get(compilation, "Amazon.Lambda.Annotations.APIGateway.RestApiAttribute");
            HttpApiAttribute = Get(compilation, "Amazon.Lambda.Annotations.APIGateway.HttpApiAttribute");
            SqsEventAttribute = Get(compilation, "Amazon.Lambda.Annotations.SQS.SQSEventAttribute");
            SqsEvent = Get(compilation, "Amazon.Lambda.SQSEvents.SQSEvent");
            SnsEvent = Get(compilation, "Amazon.Lambda.SNSEvents.SNSEvent");
            S3Event = Get(compilation, "Amazon.Lambda.S3Events.S3Event");
            CloudWatchEvent = Get(compilation, "Amazon.Lambda.CloudWatchEvents.CloudWatchEvent`1");
            KinesisEvent = Get(compilation, "Amazon.Lambda.KinesisEvents.KinesisEvent");
            DynamoDBEvent = Get(compilation, "Amazon.Lambda.DynamoDBEvents.DynamoDBEvent");
            KafkaEvent = Get(compilation, "Amazon.Lambda.KafkaEvents.KafkaEvent");
            SqsBatchResponse = Get(compilation, "Amazon.Lambda.SQSEvents.SQSBatchResponse");
            KinesisStreamsEventResponse = Get(compilation, "Amazon.Lambda.KinesisEvents.StreamsEventResponse");
            DynamoDBStreamsEventResponse = Get(compilation, "Amazon.Lambda.DynamoDBEvents.StreamsEventResponse");

            // AWS SDK.
            IAmazonService = Get(compilation, "Amazon.Runtime.IAmazonService");
            DynamoDBContext = Get(compilation, "Amazon.DynamoDBv2.DataModel.DynamoDBContext");
            IDynamoDBContextBuilder = Get(compilation, "Amazon.DynamoDBv2.DataModel.IDynamoDBContextBuilder");
            TransferUtility = Get(compilation, "Amazon.S3.Transfer.TransferUtility");
            RegionEndpoint = Get(compilation, "Amazon.RegionEndpoint");
            AwsClientConfig = Get(compilation, "Amazon.Runtime.ClientConfig");

            // HTTP.
            HttpClient = Get(compilation, "System.Net.Http.HttpClient");
            HttpMessageHandler = Get(compilation, "System.Net.Http.HttpMessageHandler");

            // Client libraries that own an HttpClient, and their request calls.
            RestClient = Get(compilation, "RestSharp.RestClient");
            IRestClient = Get(compilation, "RestSharp.IRestClient");
            RestClientExtensions = Get(compilation, "RestSharp.RestClientExtensions");
            RestRequest = Get(compilation, "RestSharp.RestRequest");
            RestSharpMethod = Get(compilation, "RestSharp.Method");
            GraphQLHttpClient = Get(compilation, "GraphQL.Client.Http.GraphQLHttpClient");
            IGraphQLClient = Get(compilation, "GraphQL.Client.Abstractions.IGraphQLClient");
            GraphQLClientExtensions = Get(compilation, "GraphQL.Client.Abstractions.GraphQLClientExtensions");
            FlurlClient = Get(compilation, "Flurl.Http.FlurlClient");
            FlurlGeneratedExtensions = Get(compilation, "Flurl.Http.GeneratedExtensions");
            RefitRestService = Get(compilation, "Refit.RestService");

            // Connection pools and shared database/cache clients.
            NpgsqlDataSource = Get(compilation, "Npgsql.NpgsqlDataSource");
            NpgsqlDataSourceBuilder = Get(compilation, "Npgsql.NpgsqlDataSourceBuilder");
            ConnectionMultiplexer = Get(compilation, "StackExchange.Redis.ConnectionMultiplexer");
            MongoClient = Get(compilation, "MongoDB.Driver.MongoClient");
            NpgsqlConnection = Get(compilation, "Npgsql.NpgsqlConnection");
            MicrosoftSqlConnection = Get(compilation, "Microsoft.Data.SqlClient.SqlConnection");
            SystemSqlConnection = Get(compilation, "System.Data.SqlClient.SqlConnection");
            SqliteConnection = Get(compilation, "Microsoft.Data.Sqlite.SqliteConnection");
            DbContext = Get(compilation, "Microsoft.EntityFrameworkCore.DbContext");

            // Costly reusable objects.
            JsonSerializerOptions = Get(compilation, "System.Text.Json.JsonSerializerOptions");
            Regex = Get(compilation, "System.Text.RegularExpressions.Regex");
            ServiceCollectionContainerBuilderExtensions = Get(compilation, "Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions");
            IConfigurationBuilder = Get(compilation, "Microsoft.Extensions.Configuration.IConfigurationBuilder");
            X509Certificate2 = Get(compilation, "System.Security.Cryptography.X509Certificates.X509Certificate2");
            X509CertificateLoader = Get(compilation, "System.Security.Cryptography.X509Certificates.X509CertificateLoader");

            // Tasks and Lambda-to-Lambda calls.
            Task = Get(compilation, "System.Threading.Tasks.Task");
            TaskOfT = Get(compilation, "System.Threading.Tasks.Task`1");
            ValueTask = Get(compilation, "System.Threading.Tasks.ValueTask");
            ValueTaskOfT = Get(compilation, "System.Threading.Tasks.ValueTask`1");
            TaskFactory = Get(compilation, "System.Threading.Tasks.TaskFactory");
            TaskAwaiter = Get(compilation, "System.Runtime.CompilerServices.TaskAwaiter");
            TaskAwaiterOfT = Get(compilation, "System.Runtime.CompilerServices.TaskAwaiter`1");
            ValueTaskAwaiter = Get(compilation, "System.Runtime.CompilerServices.ValueTaskAwaiter");
            ValueTaskAwaiterOfT = Get(compilation, "System.Runtime.CompilerServices.ValueTaskAwaiter`1");
            IAmazonLambda = Get(compilation, "Amazon.Lambda.IAmazonLambda");
            LambdaInvokeRequest = Get(compilation, "Amazon.Lambda.Model.InvokeRequest");

            // Side effects that at-least-once delivery repeats.
            IAmazonDynamoDB = Get(compilation, "Amazon.DynamoDBv2.IAmazonDynamoDB");
            IAmazonSQS = Get(compilation, "Amazon.SQS.IAmazonSQS");
            DbCommand = Get(compilation, "System.Data.Common.DbCommand");
            IDbCommand = Get(compilation, "System.Data.IDbCommand");
            DapperSqlMapper = Get(compilation, "Dapper.SqlMapper");
            IdempotentAttribute = Get(compilation, "AWS.Lambda.Powertools.Idempotency.IdempotentAttribute");
            IAmazonS3 = Get(compilation, "Amazon.S3.IAmazonS3");
            IDynamoDBContext = Get(compilation, "Amazon.DynamoDBv2.DataModel.IDynamoDBContext");
            DynamoDBHashKeyAttribute = Get(compilation, "Amazon.DynamoDBv2.DataModel.DynamoDBHashKeyAttribute");
            DynamoDBRangeKeyAttribute = Get(compilation, "Amazon.DynamoDBv2.DataModel.DynamoDBRangeKeyAttribute");
            IAmazonSimpleNotificationService = Get(compilation, "Amazon.SimpleNotificationService.IAmazonSimpleNotificationService");
            IAmazonSimpleEmailService = Get(compilation, "Amazon.SimpleEmail.IAmazonSimpleEmailService");
            IAmazonSimpleEmailServiceV2 = Get(compilation, "Amazon.SimpleEmailV2.IAmazonSimpleEmailServiceV2");
            SmtpClient = Get(compilation, "System.Net.Mail.SmtpClient");
            IAmazonEventBridge = Get(compilation, "Amazon.EventBridge.IAmazonEventBridge");
            IAmazonKinesis = Get(compilation, "Amazon.Kinesis.IAmazonKinesis");
            IAmazonKinesisFirehose = Get(compilation, "Amazon.KinesisFirehose.IAmazonKinesisFirehose");
            IAmazonStepFunctions = Get(compilation, "Amazon.StepFunctions.IAmazonStepFunctions");
            DbSet = Get(compilation, "Microsoft.EntityFrameworkCore.DbSet`1");
            KeyAttribute = Get(compilation, "System.ComponentModel.DataAnnotations.KeyAttribute");

            // Secrets: where they are read from and fetched.
            Environment = Get(compilation, "System.Environment");
            IConfiguration = Get(compilation, "Microsoft.Extensions.Configuration.IConfiguration");
            ConfigurationBinder = Get(compilation, "Microsoft.Extensions.Configuration.ConfigurationBinder");
            ConfigurationExtensions = Get(compilation, "Microsoft.Extensions.Configuration.ConfigurationExtensions");
            IAmazonSecretsManager = Get(compilation, "Amazon.SecretsManager.IAmazonSecretsManager");
            GetSecretValueResponse = Get(compilation, "Amazon.SecretsManager.Model.GetSecretValueResponse");
            IAmazonSimpleSystemsManagement = Get(compilation, "Amazon.SimpleSystemsManagement.IAmazonSimpleSystemsManagement");
            SsmParameter = Get(compilation, "Amazon.SimpleSystemsManagement.Model.Parameter");
            IAmazonKeyManagementService = Get(compilation, "Amazon.KeyManagementService.IAmazonKeyManagementService");
            KmsDecryptRequest = Get(compilation, "Amazon.KeyManagementService.Model.DecryptRequest");
            BasicAWSCredentials = Get(compilation, "Amazon.Runtime.BasicAWSCredentials");
            SessionAWSCredentials = Get(compilation, "Amazon.Runtime.SessionAWSCredentials");
            ILambdaLogger = Get(compilation, "Amazon.Lambda.Core.ILambdaLogger");
            LambdaLogger = Get(compilation, "Amazon.Lambda.Core.LambdaLogger");
            Console = Get(compilation, "System.Console");
            ILogger = Get(compilation, "Microsoft.Extensions.Logging.ILogger");
            LoggerExtensions = Get(compilation, "Microsoft.Extensions.Logging.LoggerExtensions");

            // Initialise-once idioms that take creations off the per-invocation path.
            Lazy = Get(compilation, "System.Lazy`1");

            // State that outlives an invocation: collections that store what they are given.
            ICollectionOfT = Get(compilation, "System.Collections.Generic.ICollection`1");
            ICollection = Get(compilation, "System.Collections.ICollection");
            StringBuilder = Get(compilation, "System.Text.StringBuilder");

            // A CodeDeploy lifecycle hook reports its verdict with this client.
            IAmazonCodeDeploy = Get(compilation, "Amazon.CodeDeploy.IAmazonCodeDeploy");
            ServiceCollectionServiceExtensions = Get(compilation, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
            ServiceCollectionDescriptorExtensions = Get(compilation, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
        }

        public INamedTypeSymbol? ILambdaContext { get; }
        public INamedTypeSymbol? ICollectionOfT { get; }
        public INamedTypeSymbol? ICollection { get; }
        public INamedTypeSymbol? StringBuilder { get; }
        public INamedTypeSymbol? IAmazonCodeDeploy { get; }
        public INamedTypeSymbol? LambdaFunctionAttribute { get; }
        public INamedTypeSymbol? LambdaBootstrapBuilder { get; }
        public INamedTypeSymbol? LambdaSerializerAttribute { get; }
        public INamedTypeSymbol? DefaultLambdaJsonSerializer { get; }
        public INamedTypeSymbol? Stream { get; }
        public INamedTypeSymbol? RestApiAttribute { get; }
        public INamedTypeSymbol? HttpApiAttribute { get; }
        public INamedTypeSymbol? SqsEventAttribute { get; }
        public INamedTypeSymbol? SqsEvent { get; }
        public INamedTypeSymbol? SnsEvent { get; }
        public INamedTypeSymbol? S3Event { get; }
        public INamedTypeSymbol? CloudWatchEvent { get; }
        public INamedTypeSymbol? KinesisEvent { get; }
        public INamedTypeSymbol? DynamoDBEvent { get; }
        public INamedTypeSymbol? KafkaEvent { get; }
        public INamedTypeSymbol? SqsBatchResponse { get; }
        public INamedTypeSymbol? KinesisStreamsEventResponse { get; }
        public INamedTypeSymbol? DynamoDBStreamsEventResponse { get; }
        public INamedTypeSymbol? IAmazonService { get; }
        public INamedTypeSymbol? DynamoDBContext { get; }
        public INamedTypeSymbol? IDynamoDBContextBuilder { get; }
        public INamedTypeSymbol? TransferUtility { get; }
        public INamedTypeSymbol? HttpClient { get; }
        public INamedTypeSymbol? HttpMessageHandler { get; }
        public INamedTypeSymbol? RestClient { get; }
        public INamedTypeSymbol? IRestClient { get; }
        public INamedTypeSymbol? RestClientExtensions { get; }
        public INamedTypeSymbol? RestRequest { get; }
        public INamedTypeSymbol? RestSharpMethod { get; }
        public INamedTypeSymbol? GraphQLHttpClient { get; }
        public INamedTypeSymbol? IGraphQLClient { get; }
        public INamedTypeSymbol? GraphQLClientExtensions { get; }
        public INamedTypeSymbol? FlurlClient { get; }
        public INamedTypeSymbol? FlurlGeneratedExtensions { get; }
        public INamedTypeSymbol? RefitRestService { get; }
        public INamedTypeSymbol? NpgsqlDataSource { get; }
        public INamedTypeSymbol? NpgsqlDataSourceBuilder { get; }
        public INamedTypeSymbol? ConnectionMultiplexer { get; }
        public INamedTypeSymbol? MongoClient { get; }
        public INamedTypeSymbol? NpgsqlConnection { get; }
        public INamedTypeSymbol? MicrosoftSqlConnection { get; }
        public INamedTypeSymbol? SystemSqlConnection { get; }
        public INamedTypeSymbol? SqliteConnection { get; }
        public INamedTypeSymbol? DbContext { get; }
        public INamedTypeSymbol? JsonSerializerOptions { get; }
        public INamedTypeSymbol? Regex { get; }
        public INamedTypeSymbol? RegionEndpoint { get; }
        public INamedTypeSymbol? AwsClientConfig { get; }
        public INamedTypeSymbol? ServiceCollectionContainerBuilderExtensions { get; }
        public INamedTypeSymbol? IConfigurationBuilder { get; }
        public INamedTypeSymbol? X509Certificate2 { get; }
        public INamedTypeSymbol? X509CertificateLoader { get; }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol? TaskFactory { get; }
        public INamedTypeSymbol? TaskAwaiter { get; }
        public INamedTypeSymbol? TaskAwaiterOfT { get; }
        public INamedTypeSymbol? ValueTaskAwaiter { get; }
        public INamedTypeSymbol? ValueTaskAwaiterOfT { get; }
        public INamedTypeSymbol? IAmazonLambda { get; }
        public INamedTypeSymbol? LambdaInvokeRequest { get; }
        public INamedTypeSymbol? IAmazonDynamoDB { get; }
        public INamedTypeSymbol? IAmazonSQS { get; }
        public INamedTypeSymbol? DbCommand { get; }
        public INamedTypeSymbol? IDbCommand { get; }
        public INamedTypeSymbol? DapperSqlMapper { get; }
        public INamedTypeSymbol? IdempotentAttribute { get; }
        public INamedTypeSymbol? IAmazonS3 { get; }
        public INamedTypeSymbol? IDynamoDBContext { get; }
        public INamedTypeSymbol? DynamoDBHashKeyAttribute { get; }
        public INamedTypeSymbol? DynamoDBRangeKeyAttribute { get; }
        public INamedTypeSymbol? IAmazonSimpleNotificationService { get; }
        public INamedTypeSymbol? IAmazonSimpleEmailService { get; }
        public INamedTypeSymbol? IAmazonSimpleEmailServiceV2 { get; }
        public INamedTypeSymbol? SmtpClient { get; }
        public INamedTypeSymbol? IAmazonEventBridge { get; }
        public INamedTypeSymbol? IAmazonKinesis { get; }
        public INamedTypeSymbol? IAmazonKinesisFirehose { get; }
        public INamedTypeSymbol? IAmazonStepFunctions { get; }
        public INamedTypeSymbol? DbSet { get; }
        public INamedTypeSymbol? KeyAttribute { get; }
        public INamedTypeSymbol? Environment { get; }
        public INamedTypeSymbol? IConfiguration { get; }
        public INamedTypeSymbol? ConfigurationBinder { get; }
        public INamedTypeSymbol? ConfigurationExtensions { get; }
        public INamedTypeSymbol? IAmazonSecretsManager { get; }
        public INamedTypeSymbol? GetSecretValueResponse { get; }
        public INamedTypeSymbol? IAmazonSimpleSystemsManagement { get; }
        public INamedTypeSymbol? SsmParameter { get; }
        public INamedTypeSymbol? IAmazonKeyManagementService { get; }
        public INamedTypeSymbol? KmsDecryptRequest { get; }
        public INamedTypeSymbol? BasicAWSCredentials { get; }
        public INamedTypeSymbol? SessionAWSCredentials { get; }
        public INamedTypeSymbol? ILambdaLogger { get; }
        public INamedTypeSymbol? LambdaLogger { get; }
        public INamedTypeSymbol? Console { get; }
        public INamedTypeSymbol? ILogger { get; }
        public INamedTypeSymbol? LoggerExtensions { get; }
        public INamedTypeSymbol? Lazy { get; }
        public INamedTypeSymbol? ServiceCollectionServiceExtensions { get; }
        public INamedTypeSymbol? ServiceCollectionDescriptorExtensions { get; }

        /// <summary>
        /// Whether <paramref name="type"/> is or implements <paramref name="wellKnownInterface"/>. Rules ask this
        /// of the same few types (the SDK clients, loggers, configuration) at every call and <c>new</c>, and each
        /// answer walks every interface of the type, so a type's interfaces are gathered once.
        /// </summary>
        public bool Implements(ITypeSymbol? type, INamedTypeSymbol? wellKnownInterface)
        {
            if (type is null || wellKnownInterface is null)
            {
                return false;
            }

            var implementers = _implementers.GetOrAdd(wellKnownInterface, _ => new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default));
            if (!implementers.TryGetValue(type, out var implements))
            {
                implements = implementers.GetOrAdd(type, type.Implements(wellKnownInterface));
            }

            return implements;
        }

        /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;: work that may still be running.</summary>
        public bool IsTask(ITypeSymbol? type)
            => type.IsOrDerivesFrom(Task) || type.Is(ValueTask) || type.Is(ValueTaskOfT);

        /// <summary>What a method answers with: <c>T</c> of <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c>, or the type itself.</summary>
        public ITypeSymbol ResultOf(ITypeSymbol type)
            => type is INamedTypeSymbol { IsGenericType: true } generic && (generic.OriginalDefinition.Is(TaskOfT) || generic.OriginalDefinition.Is(ValueTaskOfT))
                ? generic.TypeArguments[0]
                : type;

        /// <summary>
        /// The handler reports per-record failures: it returns (a task of) a partial batch response. Lambda reads
        /// the response's JSON, not its .NET type, so a model of the project's own with a <c>BatchItemFailures</c>
        /// property (by name, or serialized under that name) is one too.
        /// </summary>
        public bool IsPartialBatchResponse(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            type = ResultOf(type);
            return type.Is(SqsBatchResponse) || type.Is(KinesisStreamsEventResponse) || type.Is(DynamoDBStreamsEventResponse) || HasBatchItemFailures(type);
        }

        private static bool HasBatchItemFailures(ITypeSymbol type)
        {
            for (var current = type as INamedTypeSymbol; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property
                        && (string.Equals(property.Name, "BatchItemFailures", StringComparison.OrdinalIgnoreCase)
                            || property.GetAttributes().Any(a => a.ConstructorArguments.Any(c => IsBatchItemFailuresName(c.Value))
                                                                 || a.NamedArguments.Any(n => n.Key == "Name" && IsBatchItemFailuresName(n.Value.Value)))))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsBatchItemFailuresName(object? value) => value is string name && string.Equals(name, "batchItemFailures", StringComparison.OrdinalIgnoreCase);

        /// <summary>A client library that owns an <c>HttpClient</c>: RestSharp's <c>RestClient</c>, <c>GraphQLHttpClient</c>, <c>FlurlClient</c>.</summary>
        public bool IsHttpClientLibrary(ITypeSymbol? type)
            => type.IsOrDerivesFrom(RestClient) || type.IsOrDerivesFrom(GraphQLHttpClient) || type.IsOrDerivesFrom(FlurlClient);

        /// <summary>True when the compilation can contain a Lambda handler at all.</summary>
        public bool ReferencesLambda => ILambdaContext is not null || LambdaFunctionAttribute is not null || LambdaBootstrapBuilder is not null;

        /// <summary>
        /// Every type here comes from a package or the framework, so only the referenced assemblies are
        /// searched: asking the compilation would also make the first rule to start merge the declarations of
        /// every source file, the cost of the whole compilation's symbols, charged to an analyzer that needs
        /// none of them. A name several assemblies define is left to the compilation's own rules of preference.
        /// </summary>
        private static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            // An assembly's set of type names answers "not here" for almost every assembly without a lookup.
            var simpleName = metadataName.Substring(Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+')) + 1);
            var arity = simpleName.IndexOf('`');
            simpleName = arity < 0 ? simpleName : simpleName.Substring(0, arity);
            INamedTypeSymbol? found = null;
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (assembly.TypeNames.Contains(simpleName) && assembly.GetTypeByMetadataName(metadataName) is { } type)
                {
                    if (found is not null)
                    {
#pragma warning disable RS0030 // The one sanctioned place that resolves types by metadata name.
                        return compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
                    }

                    found = type;
                }
            }

            return found;
        }
    }
}
