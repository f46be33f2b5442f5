using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.RuntimeSupport
{
    public delegate Task<InvocationResponse> LambdaBootstrapHandler(InvocationRequest invocation);

    public class InvocationRequest
    {
        public Stream InputStream { get; } = Stream.Null;
        public ILambdaContext LambdaContext { get; } = null!;
    }

    public class InvocationResponse
    {
        public InvocationResponse(Stream outputStream) => OutputStream = outputStream;
        public Stream OutputStream { get; }
    }

    public class LambdaBootstrap : IDisposable
    {
        public Task RunAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException("stand-in");
        public void Dispose() { }
    }

    public class LambdaBootstrapBuilder
    {
        private LambdaBootstrapBuilder() { }

        public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<Stream>> handler) => new();
        public static LambdaBootstrapBuilder Create(Func<Stream, Task<Stream>> handler) => new();
        public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task> handler) => new();
        public static LambdaBootstrapBuilder Create(Func<Stream, Task> handler) => new();
        public static LambdaBootstrapBuilder Create(Action<Stream, ILambdaContext> handler) => new();
        public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Stream> handler) => new();
        public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, ILambdaContext, Task> handler, ILambdaSerializer serializer) => new();
        public static LambdaBootstrapBuilder Create<TInput>(Action<TInput, ILambdaContext> handler, ILambdaSerializer serializer) => new();
        public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) => new();
        public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, Task<TOutput>> handler, ILambdaSerializer serializer) => new();
        public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, TOutput> handler, ILambdaSerializer serializer) => new();
        public static LambdaBootstrapBuilder Create<TOutput>(Func<ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) => new();

        public LambdaBootstrap Build() => new();
    }
}
