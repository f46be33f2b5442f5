using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.CostlyObjectPerInvocationAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class CostlyObjectPerInvocationTests
    {
        [Fact]
        public Task CostlyObjectsInHandler_ReportedAsInfo() => Verify.VerifyAsync("""
            using System.Text.Json;
            using System.Text.RegularExpressions;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    var options = {|#0:new JsonSerializerOptions(JsonSerializerDefaults.Web)|};
                    var regex = {|#1:new Regex("^[A-Z]{3}-[0-9]+$", RegexOptions.Compiled)|};
                    var provider = {|#2:new ServiceCollection().BuildServiceProvider()|};
                    var configuration = {|#3:new ConfigurationBuilder().AddEnvironmentVariables().Build()|};
                }
            }
            """,
            Info(0, "JsonSerializerOptions"),
            Info(1, "Regex"),
            Info(2, "ServiceProvider"),
            Info(3, "IConfigurationRoot"));

        /// <summary>
        /// A pattern from the event is parsed again on every invocation, though few patterns recur: the static
        /// Regex methods cache them per pattern. Reported with that remedy (no hoist); the static call itself is fine.
        /// </summary>
        [Fact]
        public Task RegexFromEventPattern_Triggers_WithCachePerPattern_StaticRegexCall_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Text.RegularExpressions;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public bool Handle(string pattern, ILambdaContext context)
                    => {|#0:new Regex(pattern, RegexOptions.IgnoreCase)|}.IsMatch("abc") || Regex.IsMatch("abc", pattern);
            }
            """,
            new DiagnosticResult("LAM004", DiagnosticSeverity.Info).WithLocation(0).WithArguments(
                "Regex", "OrderHandler.Handle", "", "its pattern comes from the event (or its options do); call the static Regex methods (Regex.IsMatch(input, pattern)), which keep recently used patterns parsed in Regex's own cache, or keep one Regex per pattern in a static ConcurrentDictionary"));

        /// <summary>Serializer options set from the event are per-request settings, not a key that recurs: silent by default.</summary>
        [Fact]
        public Task SerializerOptionsFromEvent_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Text.Json;
            using Amazon.Lambda.Core;

            public record Query(bool Pretty);

            public class OrderHandler
            {
                public string Handle(Query query, ILambdaContext context)
                    => JsonSerializer.Serialize(query, new JsonSerializerOptions { WriteIndented = query.Pretty });
            }
            """);

        /// <summary>
        /// A method group the handler gives a wrapper from a package the compilation cannot see runs on every
        /// invocation: the path follows it into the method of this compilation.
        /// </summary>
        [Fact]
        public Task MethodGroupGivenToUnresolvedWrapper_Triggers_InTheMethod() => Verify.VerifyAsync("""
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public Task<string> Handle(string input, ILambdaContext context)
                    => {|CS0103:Durable|}.WrapAsync(Workflow, input, context);

                private Task<string> Workflow(string input, object step)
                    => Task.FromResult(JsonSerializer.Serialize(input, {|#0:new JsonSerializerOptions { WriteIndented = true }|}));
            }
            """,
            new DiagnosticResult("LAM004", DiagnosticSeverity.Info).WithLocation(0).WithArguments(
                "JsonSerializerOptions", "OrderHandler.Handle", " (via OrderHandler.Handle → OrderHandler.Workflow)", "build it once in a static readonly field so warm invocations reuse its cached work"));

        /// <summary>A method named in <c>nameof</c>, next to an unresolved call, is not run.</summary>
        [Fact]
        public Task MethodNamedInNameOf_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Text.Json;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public string Handle(string input, ILambdaContext context)
                {
                    {|CS0103:Trace|}.Log(nameof(Workflow), input);
                    return nameof(Workflow);
                }

                private string Workflow(string input) => JsonSerializer.Serialize(input, new JsonSerializerOptions());
            }
            """);

        /// <summary>A method group that names two overloads: the path does not guess which one the wrapper takes.</summary>
        [Fact]
        public Task AmbiguousMethodGroupGivenToUnresolvedWrapper_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Text.Json;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class OrderHandler
            {
                public Task<string> Handle(string input, ILambdaContext context)
                    => {|CS0103:Durable|}.WrapAsync(Workflow, input, context);

                private Task<string> Workflow(string input, object step)
                    => Task.FromResult(JsonSerializer.Serialize(input, new JsonSerializerOptions()));

                private Task<string> Workflow(int input, object step)
                    => Task.FromResult(JsonSerializer.Serialize(input, new JsonSerializerOptions()));
            }
            """);

        [Fact]
        public Task ProviderBuiltInHandlerConstructor_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Text.Json;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.DependencyInjection;

            public class OrderHandler
            {
                private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
                private readonly IServiceProvider _services;

                public OrderHandler() => _services = new ServiceCollection().BuildServiceProvider();

                public string Handle(string input, ILambdaContext context) => JsonSerializer.Serialize(input, Json);
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Text.Json;

            public class Worker
            {
                public void Run(object context) { var options = new JsonSerializerOptions(); }
            }
            """);

        private static DiagnosticResult Info(int location, string type)
            => new DiagnosticResult("LAM004", DiagnosticSeverity.Info).WithLocation(location).WithArguments(
                type, "OrderHandler.Handle", "", "build it once in a static readonly field so warm invocations reuse its cached work");

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Text.Json;
            using System.Text.RegularExpressions;
            using Microsoft.Extensions.DependencyInjection;

            public class OrderHandler
            {
                public void Handle(string input)
                {
                    var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
                    var regex = new Regex("^[A-Z]{3}-[0-9]+$", RegexOptions.Compiled);
                    var provider = new ServiceCollection().BuildServiceProvider();
                }
            }
            """);
    }
}
