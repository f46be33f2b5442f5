using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.RealWorld;

/// <summary>
/// Most AWS service packages (AWSSDK.BedrockRuntime, AWSSDK.CloudWatch, ...) are not served here, so a corpus
/// project's <c>new AmazonBedrockRuntimeClient()</c> would bind to an error type and every rule would rightly stay
/// silent, unlike in the project's real build. For each service a project names by the SDK's conventions
/// (<c>Amazon{Service}Client</c>, <c>IAmazon{Service}</c>, <c>Amazon{Service}Config</c>, <c>using Amazon.{Service}</c>)
/// and no reference provides, this writes the shape the real package has where the rules look: the client
/// implements <c>Amazon.Runtime.IAmazonService</c> through its <c>IAmazon{Service}</c> interface, its config
/// derives from <c>Amazon.Runtime.ClientConfig</c> (<c>ServiceURL</c>, <c>RegionEndpoint</c>,
/// <c>AuthenticationRegion</c>), and it has the constructors taking a config or a region. Its operations are
/// the ones the project calls, written by the SDK's convention: <c>client.GetJobAsync(new GetJobRequest { ... })</c>
/// on such a client is <c>Task&lt;GetJobResponse&gt; GetJobAsync(GetJobRequest request, CancellationToken
/// cancellationToken = default)</c>, the request deriving from <c>AmazonWebServiceRequest</c> with the properties
/// the project's initializers set, the response from <c>AmazonWebServiceResponse</c>. What the SDK's own model
/// types hold is not known, so the response has no properties and other model types stay unbound.
/// </summary>
internal static class AwsClientStandIns
{
    private static readonly Regex ServiceName = new(@"^(IAmazon(?<service>[A-Z][A-Za-z0-9]*)|Amazon(?<service>[A-Z][A-Za-z0-9]*?)(Client|Config))$", RegexOptions.CultureInvariant);

    public static MetadataReference? For(CSharpCompilation compilation, IReadOnlyList<MetadataReference> references)
    {
        var known = KnownNames(compilation);
        bool Known(string service) => known.Contains("Amazon." + service) || known.Contains($"Amazon{service}Client") || known.Contains($"IAmazon{service}");
        var services = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot();
            foreach (var name in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.UsingDirectiveSyntax>().Select(u => u.Name?.ToString()))
            {
                if (name is not null && name.StartsWith("Amazon.", StringComparison.Ordinal))
                {
                    var service = name.Split('.')[1];
                    if (char.IsUpper(service[0]) && !Known(service))
                    {
                        services.Add(service);
                    }
                }
            }

            foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
            {
                if (ServiceName.Match(token.ValueText) is { Success: true } match && !Known(match.Groups["service"].Value))
                {
                    services.Add(match.Groups["service"].Value);
                }
            }
        }

        // Namespaces of Amazon.Lambda.* and of served packages exist already; only unknown services are written.
        services.RemoveWhere(s => s is "Lambda" or "Runtime" or "Util" or "Extensions" or "XRay");
        if (services.Count == 0)
        {
            return null;
        }

        // The bare clients first: what the project calls on them, bound against them, gives the operations.
        var bare = Compile(Source(services, new Dictionary<string, List<Operation>>()), references);
        var operations = OperationsCalled(compilation.AddReferences(bare), services);
        return operations.Count == 0 ? bare : Compile(Source(services, operations), references);
    }

    /// <summary>An operation the project calls: its name, whether a call passes a request, and the request properties its initializers set (with their types).</summary>
    private sealed record Operation(string Name, bool TakesRequest, SortedDictionary<string, string> RequestProperties);

    private static Dictionary<string, List<Operation>> OperationsCalled(CSharpCompilation compilation, SortedSet<string> services)
    {
        var found = new Dictionary<string, Dictionary<string, Operation>>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: var method } } access
                    || !method.EndsWith("Async", StringComparison.Ordinal)
                    || method.Length <= "Async".Length
                    || model.GetTypeInfo(access.Expression).Type is not INamedTypeSymbol receiver
                    || ServiceOf(receiver) is not { } service
                    || !services.Contains(service))
                {
                    continue;
                }

                var name = method[..^"Async".Length];
                var key = service + "." + name;
                var arguments = call.ArgumentList.Arguments;
                // A call whose first argument is not this operation's request is a convenience overload the
                // convention does not give; the operation is left out rather than written with a wrong shape.
                var request = arguments.Count == 0 ? null : arguments[0].Expression;
                if (request is not null && model.GetTypeInfo(request).Type?.Name != name + "Request")
                {
                    refused.Add(key);
                    continue;
                }

                var operations = found.TryGetValue(service, out var list) ? list : found[service] = new Dictionary<string, Operation>(StringComparer.Ordinal);
                var operation = operations.TryGetValue(name, out var known) ? known : operations[name] = new Operation(name, false, new SortedDictionary<string, string>(StringComparer.Ordinal));
                if (request is null)
                {
                    continue;
                }

                operations[name] = operation = operation with { TakesRequest = true };
                if (request is ObjectCreationExpressionSyntax { Initializer: { } initializer })
                {
                    foreach (var assignment in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
                    {
                        if (assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var property } && !operation.RequestProperties.ContainsKey(property))
                        {
                            operation.RequestProperties[property] = TypeName(model.GetTypeInfo(assignment.Right).Type);
                        }
                    }
                }
            }
        }

        return found.ToDictionary(
            s => s.Key,
            s => s.Value.Values.Where(o => !refused.Contains(s.Key + "." + o.Name)).OrderBy(o => o.Name, StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>The service of a written client or its interface (<c>Amazon.{Service}.Amazon{Service}Client</c>, <c>IAmazon{Service}</c>).</summary>
    private static string? ServiceOf(INamedTypeSymbol type)
    {
        if (type.ContainingAssembly?.Name != StandInAssembly || type.ContainingNamespace?.ContainingNamespace?.Name != "Amazon")
        {
            return null;
        }

        var service = type.ContainingNamespace.Name;
        return type.Name == $"Amazon{service}Client" || type.Name == $"IAmazon{service}" ? service : null;
    }

    /// <summary>A property's type as C# can name it from the stand-in assembly: the value's type when it is a public, complete one, else object.</summary>
    private static string TypeName(ITypeSymbol? type)
    {
        static bool Nameable(ITypeSymbol t) => t switch
        {
            IArrayTypeSymbol array => Nameable(array.ElementType),
            INamedTypeSymbol named => named.TypeKind != TypeKind.Error && !named.IsAnonymousType && named.ContainingAssembly?.Name != StandInAssembly
                && named.DeclaredAccessibility == Accessibility.Public && (named.ContainingType is null || Nameable(named.ContainingType))
                && named.TypeArguments.All(Nameable),
            _ => false,
        };

        return type is not null && Nameable(type) ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : "object";
    }

    private const string StandInAssembly = "Corpus.AwsServiceStandIns";

    private static MetadataReference Compile(string source, IReadOnlyList<MetadataReference> references)
    {
        var standIns = CSharpCompilation.Create(
            StandInAssembly,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = standIns.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("AWS service stand-ins do not compile: " + errors[0]);
        }

        return standIns.ToMetadataReference();
    }

    private static string Source(SortedSet<string> services, Dictionary<string, List<Operation>> operations)
    {
        var source = new StringBuilder();
        foreach (var service in services)
        {
            var called = operations.TryGetValue(service, out var list) ? list : [];
            string Signatures(string prefix, string body) => string.Concat(called.Select(o =>
                $"        {prefix}System.Threading.Tasks.Task<Amazon.{service}.Model.{o.Name}Response> {o.Name}Async("
                + (o.TakesRequest ? $"Amazon.{service}.Model.{o.Name}Request request, " : "")
                + $"System.Threading.CancellationToken cancellationToken = default){body}\n"));
            var models = string.Concat(called.Select(o =>
                (o.TakesRequest
                    ? $"    public class {o.Name}Request : Amazon.Runtime.AmazonWebServiceRequest\n    {{\n"
                      + string.Concat(o.RequestProperties.Select(p => $"        public {p.Value} {p.Key} {{ get; set; }} = default!;\n"))
                      + "    }\n"
                    : "")
                + $"    public class {o.Name}Response : Amazon.Runtime.AmazonWebServiceResponse {{ }}\n"));

            source.Append($$"""
                namespace Amazon.{{service}}
                {
                    public interface IAmazon{{service}} : Amazon.Runtime.IAmazonService, System.IDisposable
                    {
                {{Signatures("", ";")}}
                    }
                    public class Amazon{{service}}Config : Amazon.Runtime.ClientConfig
                    {
                        public Amazon{{service}}Config() : base(null!) { }
                        public override string RegionEndpointServiceName => "{{service}}";
                        public override string ServiceVersion => "";
                        public override string UserAgent => "";
                        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters) => null!;
                    }
                    public class Amazon{{service}}Client : IAmazon{{service}}
                    {
                        public Amazon{{service}}Client(params object[] arguments) { }
                        public Amazon{{service}}Client(Amazon{{service}}Config config) { }
                        public Amazon{{service}}Client(Amazon.RegionEndpoint region) { }
                        public Amazon.Runtime.IClientConfig Config => null!;
                        public static Amazon.Runtime.ClientConfig CreateDefaultClientConfig() => null!;
                        public static Amazon.Runtime.IAmazonService CreateDefaultServiceClient(Amazon.Runtime.AWSCredentials credentials, Amazon.Runtime.ClientConfig config) => null!;
                        public void Dispose() { }
                {{Signatures("public virtual ", " => null!;")}}
                    }
                }
                namespace Amazon.{{service}}.Model
                {
                    internal sealed class StandIn { }
                {{models}}
                }

                """);
        }

        return source.ToString();
    }

    /// <summary>The namespaces under <c>Amazon</c> and the type names in them that the references provide.</summary>
    private static HashSet<string> KnownNames(CSharpCompilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var amazon = compilation.GlobalNamespace.GetNamespaceMembers().FirstOrDefault(n => n.Name == "Amazon");
        var pending = new Stack<INamespaceSymbol>();
        if (amazon is not null)
        {
            pending.Push(amazon);
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            names.Add(current.ToDisplayString());
            foreach (var type in current.GetTypeMembers())
            {
                names.Add(type.Name);
            }

            foreach (var child in current.GetNamespaceMembers())
            {
                pending.Push(child);
            }
        }

        return names;
    }
}
