using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>Where a secret is kept, and how the SDK reads it.</summary>
    internal sealed class SecretStore
    {
        public static readonly SecretStore ParameterStore = new(
            "Parameter Store",
            "Amazon.SimpleSystemsManagement",
            "IAmazonSimpleSystemsManagement",
            "AmazonSimpleSystemsManagementClient",
            types => types.IAmazonSimpleSystemsManagement,
            "s_parameterStore",
            keySuffix: "PARAMETER",
            request: name => ParseExpression($"new GetParameterRequest\n{{\nName = {name},\nWithDecryption = true,\n}}"),
            fetchMethod: "GetParameterAsync",
            valuePath: ".Parameter.Value");

        public static readonly SecretStore SecretsManager = new(
            "Secrets Manager",
            "Amazon.SecretsManager",
            "IAmazonSecretsManager",
            "AmazonSecretsManagerClient",
            types => types.IAmazonSecretsManager,
            "s_secretsManager",
            keySuffix: "SECRET_ARN",
            request: name => ParseExpression($"new GetSecretValueRequest\n{{\nSecretId = {name},\n}}"),
            fetchMethod: "GetSecretValueAsync",
            valuePath: ".SecretString");

        /// <summary>KMS: only its client, for caching a <c>DecryptAsync</c> the code already writes.</summary>
        public static readonly SecretStore KeyManagement = new(
            "KMS",
            "Amazon.KeyManagementService",
            "IAmazonKeyManagementService",
            "AmazonKeyManagementServiceClient",
            types => types.IAmazonKeyManagementService,
            "s_kms",
            keySuffix: "CIPHERTEXT",
            request: _ => throw new NotSupportedException("KMS holds no secret by name"),
            fetchMethod: "DecryptAsync",
            valuePath: ".Plaintext");

        public static readonly SecretStore[] All = { ParameterStore, SecretsManager, KeyManagement };

        private readonly Func<string, ExpressionSyntax> _request;
        private readonly Func<WellKnownTypes, INamedTypeSymbol?> _client;

        private SecretStore(string name, string @namespace, string clientInterface, string clientClass, Func<WellKnownTypes, INamedTypeSymbol?> client, string clientField, string keySuffix, Func<string, ExpressionSyntax> request, string fetchMethod, string valuePath)
        {
            Name = name;
            Namespace = @namespace;
            ClientInterface = clientInterface;
            ClientClass = clientClass;
            _client = client;
            ClientField = clientField;
            KeySuffix = keySuffix;
            _request = request;
            FetchMethod = fetchMethod;
            ValuePath = valuePath;
        }

        public string Name { get; }

        public string Namespace { get; }

        public string ClientInterface { get; }

        public string ClientClass { get; }

        /// <summary>The preferred name of a client field the fix adds.</summary>
        public string ClientField { get; }

        public string KeySuffix { get; }

        public string FetchMethod { get; }

        /// <summary>From the response to the secret's text.</summary>
        public string ValuePath { get; }

        public ExpressionSyntax Request(string nameExpression) => _request(nameExpression);

        /// <summary>The store's client interface in this compilation, or null when its SDK package is not referenced.</summary>
        public INamedTypeSymbol? Client(WellKnownTypes types) => _client(types);

        /// <summary>The variable that will hold the parameter's name or the secret's ARN: <c>DB_PASSWORD</c> becomes <c>DB_PASSWORD_PARAMETER</c>, <c>dbPassword</c> becomes <c>dbPasswordParameter</c>.</summary>
        public string RenamedKey(string key)
        {
            if (key.IndexOf('_') >= 0 || key.ToUpperInvariant() == key)
            {
                return key + "_" + KeySuffix;
            }

            return key + string.Concat(KeySuffix.Split('_').Select(w => w[0] + w.Substring(1).ToLowerInvariant()));
        }
    }
}
