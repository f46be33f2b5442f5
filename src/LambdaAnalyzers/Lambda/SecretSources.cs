using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>Where a secret value comes from in code: a plaintext look-up by a secret name, or a fetch from a secret store.</summary>
    internal static class SecretSources
    {
        /// <summary>
        /// A look-up LAM101 reports: its key names a secret, and its value is neither ciphertext decrypted with
        /// KMS nor the name or ARN of a secret handed to Secrets Manager or Parameter Store.
        /// </summary>
        public static string? PlaintextSecretRead(IOperation operation, LambdaCompilation lambda, SecretNames names, CancellationToken cancellationToken)
            => LookedUpKey(operation, lambda.Types) is { } key
               && names.IsSecret(key)
               && (!names.NamesOnlyAConnectionString(key) || HasCredentialedDefault(operation))
               && !IsDecryptedWithKms(operation, lambda.Types)
               && !IsUsedAsSecretReference(operation, lambda, cancellationToken)
                ? key
                : null;

        /// <summary>
        /// The constant key an environment or configuration look-up reads, secret or not:
        /// <c>Environment.GetEnvironmentVariable("DB_PASSWORD")</c>, <c>GetEnvironmentVariables()["…"]</c>,
        /// <c>config["Db:Password"]</c>, <c>GetValue&lt;T&gt;(key)</c>, <c>GetConnectionString(name)</c>, <c>GetSection(key).Value</c>.
        /// </summary>
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

        /// <summary>
        /// A connection-string look-up whose default, written next to it, holds a password
        /// (<c>config["ConnectionString"] ?? "Host=db;Password=…"</c>, <c>GetValue&lt;string&gt;(key, "…;Pwd=…")</c>):
        /// the setting is expected to carry credentials.
        /// </summary>
        private static bool HasCredentialedDefault(IOperation read)
        {
            if (read is IInvocationOperation { TargetMethod.Name: "GetValue", Arguments.Length: >= 3 } call && HoldsPassword(call.Arguments[2].Value))
            {
                return true;
            }

            var value = read;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            return value.Parent is ICoalesceOperation coalesce && coalesce.Value == value && HoldsPassword(coalesce.WhenNull);
        }

        private static bool HoldsPassword(IOperation value)
            => value.WithoutConversions().ConstantValue is { HasValue: true, Value: string text }
               && PasswordPair.IsMatch(text);

        private static readonly System.Text.RegularExpressions.Regex PasswordPair = new(
            @"(^|;)\s*(password|pwd)\s*=\s*[^;\s]",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

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

        /// <summary>
        /// Whether the value read is used as the name or ARN of a secret: given as <c>SecretId</c>, <c>Name</c>,
        /// <c>Names</c>, <c>SecretIdList</c> or <c>Path</c> of a Secrets Manager or Parameter Store request (or the
        /// same-named parameter of a store API: the SDK, the Secrets Manager caching client, Powertools
        /// Parameters), or put in the query of the Parameters and Secrets Lambda Extension
        /// (<c>localhost:2773/secretsmanager/get?secretId=…</c>). Followed through a local of the method, a field
        /// or property of the type (its code only), and one parameter of a method the value is passed to.
        /// </summary>
        public static bool IsUsedAsSecretReference(IOperation read, LambdaCompilation lambda, CancellationToken cancellationToken)
        {
            var value = Climb(read);
            if (IsReferenceUse(value, lambda, cancellationToken))
            {
                return true;
            }

            switch (value.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalIsReference(declarator.Symbol, read.Root(), lambda, cancellationToken);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value:
                    return LocalIsReference(local.Local, read.Root(), lambda, cancellationToken);
                case ISimpleAssignmentOperation { Target: var target } assignment when assignment.Value == value && target.ReferencedMember() is { } member:
                    return MemberIsReference(member, lambda, cancellationToken);
                case IFieldInitializerOperation field when field.InitializedFields.Length == 1:
                    return MemberIsReference(field.InitializedFields[0], lambda, cancellationToken);
                case IPropertyInitializerOperation property when property.InitializedProperties.Length == 1:
                    return MemberIsReference(property.InitializedProperties[0], lambda, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>A use of the value that names a secret: a store's reference slot, or a parameter of a source method that puts it in one.</summary>
        private static bool IsReferenceUse(IOperation value, LambdaCompilation lambda, CancellationToken cancellationToken)
            => IsReferenceSlot(value)
               || (value.Parent is IArgumentOperation { Parameter: { ContainingSymbol: IMethodSymbol method } parameter }
                   && method.IsInSource()
                   && lambda.BodiesOf(method, cancellationToken).Any(body => body.Descendants().Any(o => o is IParameterReferenceOperation reference
                       && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter)
                       && IsReferenceSlot(Climb(reference)))));

        private static bool LocalIsReference(ILocalSymbol local, IOperation root, LambdaCompilation lambda, CancellationToken cancellationToken)
            => root.Descendants().Any(o => o is ILocalReferenceOperation reference
                                           && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                                           && IsReferenceUse(Climb(reference), lambda, cancellationToken));

        /// <summary>A field or property: its uses in its own type's code.</summary>
        private static bool MemberIsReference(ISymbol member, LambdaCompilation lambda, CancellationToken cancellationToken)
        {
            if (member.ContainingType is not { } type || !member.IsInSource())
            {
                return false;
            }

            foreach (var declaration in type.DeclaringSyntaxReferences)
            {
                foreach (var name in declaration.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText == member.Name
                        && lambda.OperationOf(name, cancellationToken) is { } reference
                        && SymbolEqualityComparer.Default.Equals(reference.ReferencedMember()?.OriginalDefinition, member.OriginalDefinition)
                        && IsReferenceUse(Climb(reference), lambda, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>From a value to what it becomes unchanged: conversions, <c>?? fallback</c>, <c>?? throw</c>, URL encoding.</summary>
        private static IOperation Climb(IOperation value)
        {
            while (true)
            {
                switch (value.Parent)
                {
                    case IConversionOperation conversion:
                        value = conversion;
                        continue;
                    case ICoalesceOperation coalesce when coalesce.Value == value:
                        value = coalesce;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "EscapeDataString" or "UrlEncode" } encode }:
                        value = encode;
                        continue;
                    default:
                        return value;
                }
            }
        }

        private static readonly string[] ReferenceMembers = { "SecretId", "Name", "Names", "SecretIdList", "Path", "SecretName", "ParameterName" };

        private static readonly string[] StoreNamespaces = { "Amazon.SecretsManager", "Amazon.SimpleSystemsManagement", "AWS.Lambda.Powertools.Parameters", "Amazon.Extensions.Configuration.SystemsManager" };

        private static readonly string[] ExtensionQueries = { "/secretsmanager/get?secretId=", "/systemsmanager/parameters/get?name=" };

        private static bool IsReferenceSlot(IOperation value)
        {
            switch (value.Parent)
            {
                case IArgumentOperation { Parameter: { } parameter } when IsStoreMember(parameter.ContainingSymbol, parameter.Name):
                    return true;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when assignment.Value == value:
                    return IsStoreMember(property.Property, property.Property.Name);
                case IArrayInitializerOperation { Parent: IArrayCreationOperation array }:
                    return IsReferenceSlot(Climb(array));
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Parent: IObjectOrCollectionInitializerOperation collection } }:
                    return collection.Parent switch
                    {
                        IObjectCreationOperation creation => IsReferenceSlot(Climb(creation)),
                        IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation property } => IsStoreMember(property.Property, property.Property.Name),
                        _ => false,
                    };
                case IInterpolationOperation { Parent: IInterpolatedStringOperation text }:
                    return ExtensionQueries.Any(q => ConstantText(text).IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, LeftOperand: var left } concatenation when concatenation.RightOperand == value:
                    return Constant(left) is { } prefix && ExtensionQueries.Any(q => prefix.EndsWith(q, StringComparison.OrdinalIgnoreCase));
                default:
                    return false;
            }
        }

        private static bool IsStoreMember(ISymbol member, string name)
        {
            if (!ReferenceMembers.Any(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            var space = member.ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return StoreNamespaces.Any(n => space == n || space.StartsWith(n + ".", StringComparison.Ordinal));
        }

        private static string ConstantText(IInterpolatedStringOperation text)
            => string.Concat(text.Parts.OfType<IInterpolatedStringTextOperation>().Select(p => Constant(p.Text) ?? string.Empty));

        public static string? Constant(IOperation value)
            => value.WithoutConversions().ConstantValue is { HasValue: true, Value: string text } ? text : null;
    }
}
