using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>Where a secret value comes from in code: a plaintext look-up by a secret name, or a fetch from a secret store.</summary>
    internal static class SecretSources
    {
        /// <summary>
        /// The key read, when <paramref name="operation"/> looks up a secret-named environment variable or
        /// configuration key: <c>Environment.GetEnvironmentVariable("DB_PASSWORD")</c>, <c>GetEnvironmentVariables()["…"]</c>,
        /// <c>config["Db:Password"]</c>, <c>GetValue&lt;T&gt;(key)</c>, <c>GetConnectionString(name)</c>, <c>GetSection(key).Value</c>.
        /// </summary>
        public static string? PlaintextSecretKey(IOperation operation, WellKnownTypes types, SecretNames names)
        {
            var key = LookedUpKey(operation, types);
            return key is not null && names.IsSecret(key) ? key : null;
        }

        /// <summary>The constant key an environment or configuration look-up reads, secret or not.</summary>
        public static string? LookedUpKey(IOperation operation, WellKnownTypes types)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariable", Arguments.Length: > 0 } call when call.TargetMethod.ContainingType.Is(types.Environment):
                    return Constant(call.Arguments[0].Value);
                case IInvocationOperation { TargetMethod.Name: "GetValue", Arguments.Length: >= 2 } call when call.TargetMethod.ContainingType.Is(types.ConfigurationBinder):
                    return Constant(call.Arguments[1].Value);
                case IInvocationOperation { TargetMethod.Name: "GetConnectionString", Arguments.Length: 2 } call when call.TargetMethod.ContainingType.Is(types.ConfigurationExtensions):
                    return Constant(call.Arguments[1].Value) is { } name ? "ConnectionStrings:" + name : null;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                    when types.Implements(indexer.Instance?.Type, types.IConfiguration)
                         || indexer.Instance is IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariables" } environment && environment.TargetMethod.ContainingType.Is(types.Environment):
                    return Constant(indexer.Arguments[0].Value);
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } section }
                    when types.Implements(section.Instance?.Type, types.IConfiguration):
                    return Constant(section.Arguments[0].Value);
                default:
                    return null;
            }
        }

        /// <summary>A call that fetches a secret or parameter (or decrypts one): its result is the secret.</summary>
        public static bool IsSecretFetch(IInvocationOperation invocation, WellKnownTypes types)
        {
            var type = invocation.TargetMethod.ContainingType;
            return invocation.TargetMethod.Name switch
            {
                "GetSecretValue" or "GetSecretValueAsync" or "BatchGetSecretValue" or "BatchGetSecretValueAsync" => types.Implements(type, types.IAmazonSecretsManager),
                "GetParameter" or "GetParameterAsync" or "GetParameters" or "GetParametersAsync" or "GetParametersByPath" or "GetParametersByPathAsync" => types.Implements(type, types.IAmazonSimpleSystemsManagement),
                "Decrypt" or "DecryptAsync" => types.Implements(type, types.IAmazonKeyManagementService),
                _ => false,
            };
        }

        /// <summary><c>response.SecretString</c>, <c>response.SecretBinary</c>, <c>parameter.Value</c>: the secret itself, not its metadata.</summary>
        public static bool IsSecretValue(IOperation operation, WellKnownTypes types)
            => operation is IPropertyReferenceOperation property
               && (property.Property.Name is "SecretString" or "SecretBinary" && property.Property.ContainingType.Is(types.GetSecretValueResponse)
                   || property.Property.Name == "Value" && property.Property.ContainingType.Is(types.SsmParameter)
                   || property.Property.Name == "Plaintext" && property.Property.ContainingType.Name == "DecryptResponse");

        /// <summary>The plaintext goes through KMS <c>Decrypt</c>: the variable holds ciphertext under a customer managed key.</summary>
        public static bool IsDecryptedWithKms(IOperation read, WellKnownTypes types)
        {
            if (types.IAmazonKeyManagementService is null)
            {
                return false;
            }

            var root = read.Root();
            var locals = root.Descendants().OfType<IVariableDeclaratorOperation>()
                .Where(d => d.GetVariableInitializer()?.Value.DescendantsAndSelf().Contains(read) == true)
                .Select(d => d.Symbol)
                .ToList();
            bool FeedsDecryption(IOperation candidate)
                => candidate.DescendantsAndSelf().Any(o => o == read || o is ILocalReferenceOperation local && locals.Contains(local.Local, SymbolEqualityComparer.Default));

            return root.Descendants().Any(o => o switch
            {
                IObjectCreationOperation creation when creation.Type.Is(types.KmsDecryptRequest) => FeedsDecryption(creation),
                IInvocationOperation call when IsSecretFetch(call, types) && call.TargetMethod.Name.StartsWith("Decrypt", System.StringComparison.Ordinal) => call.Arguments.Any(a => FeedsDecryption(a.Value)),
                _ => false,
            });
        }

        public static string? Constant(IOperation value)
            => value.WithoutConversions().ConstantValue is { HasValue: true, Value: string text } ? text : null;
    }
}
