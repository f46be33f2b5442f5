using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.RealWorld;

/// <summary>
/// Most AWS service packages (AWSSDK.BedrockRuntime, AWSSDK.CloudWatch, ...) are not served here, so a corpus
/// project's <c>new AmazonBedrockRuntimeClient()</c> would bind to an error type and every rule would rightly stay
/// silent, unlike in the project's real build. For each service a project names by the SDK's conventions
/// (<c>Amazon{Service}Client</c>, <c>IAmazon{Service}</c>, <c>Amazon{Service}Config</c>, <c>using Amazon.{Service}</c>)
/// and no reference provides, this writes the shape the real package has where the rules look: the client
/// implements <c>Amazon.Runtime.IAmazonService</c> through its <c>IAmazon{Service}</c> interface, its config
/// derives from <c>Amazon.Runtime.ClientConfig</c> (<c>ServiceURL</c>, <c>RegionEndpoint</c>,
/// <c>AuthenticationRegion</c>), and it has the constructors taking a config or a region. Their operations
/// are not modelled, so calls on them stay unbound.
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

        var source = new StringBuilder();
        foreach (var service in services)
        {
            source.Append($$"""
                namespace Amazon.{{service}}
                {
                    public interface IAmazon{{service}} : Amazon.Runtime.IAmazonService, System.IDisposable { }
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
                    }
                }
                namespace Amazon.{{service}}.Model { internal sealed class StandIn { } }

                """);
        }

        var standIns = CSharpCompilation.Create(
            "Corpus.AwsServiceStandIns",
            [CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Preview))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = standIns.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("AWS service stand-ins do not compile: " + errors[0]);
        }

        return standIns.ToMetadataReference();
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
