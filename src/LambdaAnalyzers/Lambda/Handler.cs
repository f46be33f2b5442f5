using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>How a method came to be known as a handler.</summary>
    internal enum HandlerDiscovery
    {
        LambdaContextParameter,
        LambdaFunctionAttribute,

        /// <summary>A method-level <c>[LambdaSerializer]</c>: only a handler needs one, and many take no context.</summary>
        SerializerAttribute,
        BootstrapDelegate,
        DeploymentFile,
    }

    /// <summary>
    /// A method Lambda invokes once per event. <see cref="Method"/> is a lambda's symbol when the handler is a
    /// delegate given to <c>LambdaBootstrapBuilder.Create</c>.
    /// </summary>
    internal sealed class Handler
    {
        public Handler(IMethodSymbol method, Trigger trigger, HandlerDiscovery discoveredBy, Deployment.DeployedFunction? function = null)
        {
            Method = method;
            Trigger = trigger;
            DiscoveredBy = discoveredBy;
            Function = function;
        }

        /// <summary>The function a deployment file declares with this handler, when one names it (the first, if several do).</summary>
        public Deployment.DeployedFunction? Function { get; }

        public IMethodSymbol Method { get; }

        public Trigger Trigger { get; }

        public HandlerDiscovery DiscoveredBy { get; }

        public string Name => Method.ToChainName();

        /// <summary>
        /// Lambda calls it directly: everything but a method known only by its <c>ILambdaContext</c> parameter,
        /// which may instead be a helper a handler passes the context to (the AWS templates'
        /// <c>ProcessMessageAsync(message, context)</c>); with a trigger of its own, it is called directly too.
        /// </summary>
        public bool IsEntryPoint => DiscoveredBy != HandlerDiscovery.LambdaContextParameter || Trigger != Trigger.Unknown;

        /// <summary>Where a diagnostic about the handler itself sits: its name, or a bootstrap lambda's <c>async</c> keyword or arrow.</summary>
        public Location NameLocation(System.Threading.CancellationToken cancellationToken)
        {
            if (Method.MethodKind == MethodKind.AnonymousFunction
                && Method.DeclaringSyntaxReferences.Length > 0
                && Method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.LambdaExpressionSyntax lambda)
            {
                var token = lambda.AsyncKeyword.RawKind != 0 ? lambda.AsyncKeyword : lambda.ArrowToken;
                return token.GetLocation();
            }

            return Method.Locations[0];
        }
    }
}
