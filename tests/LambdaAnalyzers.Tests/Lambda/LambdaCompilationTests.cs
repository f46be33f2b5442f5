using System.Linq;
using LambdaAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Lambda
{
    /// <summary>What a method known only by its ILambdaContext parameter is: a helper of the handler that calls it, or a function of its own.</summary>
    public class LambdaCompilationTests
    {
        private const string Source = """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;

            public class Function
            {
                public async Task FunctionHandler(SQSEvent evnt, ILambdaContext context)
                {
                    foreach (var message in evnt.Records)
                    {
                        await ProcessMessageAsync(message, context);
                    }
                }

                private async Task ProcessMessageAsync(SQSEvent.SQSMessage message, ILambdaContext context)
                {
                    context.Logger.LogInformation(message.Body);
                    await Task.CompletedTask;
                }
            }

            public class Standalone
            {
                public string Handle(string input, ILambdaContext context) => input;
            }
            """;

        [Fact]
        public void ContextHelperCalledByAHandler_TakesThatHandlersTriggerAndName()
        {
            var lambda = LambdaCompilation.For(Compile());
            var helper = Method(lambda, "Function", "ProcessMessageAsync");

            var own = lambda.HandlerFor(helper)!;
            Assert.Equal(Trigger.Unknown, own.Trigger);
            Assert.False(own.IsEntryPoint);

            var path = lambda.PathTo(helper)!;
            Assert.Equal("Function.FunctionHandler", path.Handler.Name);
            Assert.Equal(Trigger.QueuePoll, path.Handler.Trigger);
            Assert.Equal(" (via Function.FunctionHandler → Function.ProcessMessageAsync)", path.ViaText);
        }

        [Fact]
        public void ContextMethodNoHandlerCalls_IsAFunctionOfItsOwn_AndAnEntryPointIsItself()
        {
            var lambda = LambdaCompilation.For(Compile());
            var standaloneMethod = Method(lambda, "Standalone", "Handle");
            var standalonePath = lambda.PathTo(standaloneMethod)!;
            Assert.Same(lambda.HandlerFor(standaloneMethod), standalonePath.Handler);
            Assert.Equal(string.Empty, standalonePath.ViaText);

            var handlerMethod = Method(lambda, "Function", "FunctionHandler");
            Assert.Same(lambda.HandlerFor(handlerMethod), lambda.PathTo(handlerMethod)!.Handler);
            Assert.Single(lambda.PathTo(handlerMethod)!.Chain);
        }

        private static IMethodSymbol Method(LambdaCompilation lambda, string type, string name)
            => lambda.Handlers.Select(h => h.Method).Single(m => m.ContainingType.Name == type && m.Name == name);

        private static CSharpCompilation Compile()
            => CSharpCompilation.Create(
                "Sample",
                new[] { CSharpSyntaxTree.ParseText(Source) },
                TestReferences.Framework.AddRange(TestReferences.Packages),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
