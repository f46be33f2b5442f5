using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>How a method came to be known as a handler.</summary>
    internal enum HandlerDiscovery
    {
        LambdaContextParameter,
        LambdaFunctionAttribute,
        BootstrapDelegate,
    }

    /// <summary>
    /// A method Lambda invokes once per event. <see cref="Method"/> is a lambda's symbol when the handler is a
    /// delegate given to <c>LambdaBootstrapBuilder.Create</c>.
    /// </summary>
    internal sealed class Handler
    {
        public Handler(IMethodSymbol method, Trigger trigger, HandlerDiscovery discoveredBy)
        {
            Method = method;
            Trigger = trigger;
            DiscoveredBy = discoveredBy;
        }

        public IMethodSymbol Method { get; }

        public Trigger Trigger { get; }

        public HandlerDiscovery DiscoveredBy { get; }

        public string Name => Method.ToChainName();
    }
}
