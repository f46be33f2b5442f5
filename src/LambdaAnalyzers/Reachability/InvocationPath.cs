using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>How a piece of code runs on every invocation: the handler, then each call or <c>new</c> that leads to it.</summary>
    internal sealed class InvocationPath
    {
        public InvocationPath(Handler handler, ImmutableArray<ISymbol> chain)
        {
            Handler = handler;
            Chain = chain;
        }

        public Handler Handler { get; }

        /// <summary>From the handler (first) to the member that contains the code (last).</summary>
        public ImmutableArray<ISymbol> Chain { get; }

        /// <summary>" (via OrderHandler.Handle → PaymentService..ctor)" when the code sits in a callee; empty in the handler itself.</summary>
        public string ViaText => Chain.Length <= 1 ? string.Empty : " (via " + string.Join(" → ", Chain.Select((s, i) => i == 0 ? s.ToChainName() : PerInvocationPath.CalleeName(s))) + ")";
    }
}
