using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// N handler files (a quarter each: an SQS handler creating a client per message and calling a service; an API
/// Gateway handler with a static client; a handler whose helper blocks on an HttpClient; an S3 handler keeping
/// event data in a static list) and N ordinary files (a record and a LINQ class); optionally one large handler
/// file whose handler calls a hundred-odd methods, each creating a client.
/// </summary>
public static class SyntheticProject
{
    public const string LargeFilePath = "LargeHandler.cs";

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
        .Concat(new[] { typeof(Amazon.Lambda.Core.ILambdaContext).Assembly, typeof(Amazon.S3.AmazonS3Client).Assembly, typeof(Amazon.Runtime.IAmazonService).Assembly }
            .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)))
        .ToImmutableArray();

    public static CSharpCompilation Create(int handlers, int largeFileLines = 0)
    {
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < handlers; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Handler(i), path: $"Handler{i}.cs", encoding: Encoding.UTF8));
            trees.Add(CSharpSyntaxTree.ParseText(Ordinary(i), path: $"Model{i}.cs", encoding: Encoding.UTF8));
        }

        if (largeFileLines > 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText(LargeHandlerFile(largeFileLines), path: LargeFilePath, encoding: Encoding.UTF8));
        }

        return CSharpCompilation.Create("Synthetic", trees, References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string Handler(int i) => (i % 4) switch
    {
        0 => $$"""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.S3;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                public async Task Handle(SQSEvent evt, ILambdaContext context)
                {
                    foreach (var message in evt.Records)
                    {
                        var s3 = new AmazonS3Client();
                        await new Service{{i}}().RunAsync(message.Body, s3);
                    }
                }
            }
            public class Service{{i}}
            {
                public Task RunAsync(string body, IAmazonS3 s3) => s3.ListBucketsAsync();
            }
            """,
        1 => $$"""
            using System.Threading.Tasks;
            using Amazon.Lambda.APIGatewayEvents;
            using Amazon.Lambda.Core;
            using Amazon.S3;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                private static readonly AmazonS3Client S3 = new AmazonS3Client();
                public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
                {
                    await S3.ListBucketsAsync();
                    return new APIGatewayProxyResponse { StatusCode = 200, Body = request.Body };
                }
            }
            """,
        2 => $$"""
            using System;
            using System.Net.Http;
            using Amazon.Lambda.Core;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                public string Handle(string input, ILambdaContext context)
                {
                    try { return Helper{{i}}.Load(input); }
                    catch (Exception ex) { context.Logger.LogLine(ex.Message); return ""; }
                }
            }
            public static class Helper{{i}}
            {
                public static string Load(string input) { using var http = new HttpClient(); return http.GetStringAsync(input).Result; }
            }
            """,
        _ => $$"""
            using System.Collections.Generic;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.S3Events;
            namespace App.H{{i}};
            public class Handler{{i}}
            {
                private static readonly List<string> Seen = new();
                public void Handle(S3Event evt, ILambdaContext context)
                {
                    foreach (var record in evt.Records) { Seen.Add(record.S3.Object.Key); }
                }
            }
            """,
    };

    private static string Ordinary(int i) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        namespace App.M{{i}};
        public record Order{{i}}(string Id, decimal Amount, IReadOnlyList<string> Lines);
        public class Calculator{{i}}
        {
            public decimal Total(IEnumerable<Order{{i}}> orders) => orders.Where(o => o.Amount > 0).Sum(o => o.Amount * 1.2m);
            public string Describe(Order{{i}} order) => $"{order.Id}: {order.Lines.Count} lines, {order.Amount:C}";
        }
        """;

    private static string LargeHandlerFile(int lines)
    {
        var text = new StringBuilder("using System.Threading.Tasks;\nusing Amazon.Lambda.Core;\nusing Amazon.S3;\nnamespace App.Large;\npublic class LargeHandler\n{\n    public async Task Handle(string input, ILambdaContext context)\n    {\n");
        var methods = (lines - 10) / 8;
        for (var i = 0; i < methods; i++)
        {
            text.Append($"        await Step{i}(input);\n");
        }

        text.Append("    }\n");
        for (var i = 0; i < methods; i++)
        {
            text.Append($"    private static Task Step{i}(string input)\n    {{\n        input += \"s\";\n        var s3 = new AmazonS3Client();\n        return s3.ListBucketsAsync();\n    }}\n\n");
        }

        return text.Append("}\n").ToString();
    }
}
