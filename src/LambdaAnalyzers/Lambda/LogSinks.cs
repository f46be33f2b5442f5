using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>The calls that write a log line: the Lambda logger, <c>Console</c>, <c>ILogger</c>.</summary>
    internal static class LogSinks
    {
        /// <summary>A log call, including writes to <c>Console.Out</c> / <c>Console.Error</c>, which only the receiver tells apart from any TextWriter.</summary>
        public static bool IsLogSink(IInvocationOperation invocation, WellKnownTypes types)
            => IsLogSink(invocation.TargetMethod, types)
               || (invocation.TargetMethod.Name is "Write" or "WriteLine"
                   && invocation.Instance is IPropertyReferenceOperation { Property.Name: "Out" or "Error" } stream
                   && stream.Property.ContainingType.Is(types.Console));

        public static bool IsLogSink(IMethodSymbol method, WellKnownTypes types)
        {
            var type = method.ContainingType;
            return types.Implements(type, types.ILambdaLogger)
                   || (type.Is(types.LambdaLogger) && method.Name == "Log")
                   || (type.Is(types.Console) && method.Name is "Write" or "WriteLine")
                   || (type.Is(types.LoggerExtensions) && method.Name.StartsWith("Log", System.StringComparison.Ordinal))
                   || (types.Implements(type, types.ILogger) && method.Name == "Log");
        }
    }
}
