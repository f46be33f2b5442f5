using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;
using Amazon.Lambda.SQSEvents;
using LambdaAnalyzers.Simulator;

// Handlers written the way users write them, against the Amazon.Lambda types. The assembly carries no
// [LambdaSerializer]: each handler that needs one names it on the method, so a handler without it can be refused.
namespace LambdaAnalyzers.Simulator.Tests.Handlers;

public class CountingHandler
{
    private int _count;

    public CountingHandler() => Constructed++;

    public static int Constructed { get; private set; }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public string Handle(string input, ILambdaContext context) => $"{input}:{++_count}";
}

public class PartialBatchHandler
{
    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public SQSBatchResponse Handle(SQSEvent evnt, ILambdaContext context)
    {
        var failures = new List<SQSBatchResponse.BatchItemFailure>();
        foreach (var message in evnt.Records)
        {
            if (message.Body == "poison")
            {
                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }

        return new SQSBatchResponse(failures);
    }
}

public record Greeting(string Name);

public record Reply(string Greeting);

public class ContextHandler
{
    public static Dictionary<string, string> Seen { get; } = new();

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public Reply Handle(Greeting input, ILambdaContext context)
    {
        Seen["requestId"] = context.AwsRequestId;
        Seen["function"] = context.FunctionName;
        Seen["memory"] = context.MemoryLimitInMB.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Seen["remaining"] = context.RemainingTime.ToString();
        context.Logger.LogLine("greeting " + input.Name);
        return new Reply("hello " + input.Name);
    }
}

/// <summary>A user's fake of a table client: it spends the virtual time a real call would take.</summary>
public sealed class FakeTable
{
    private readonly Simulation _simulation;

    public FakeTable(Simulation simulation) => _simulation = simulation;

    public List<string> Written { get; } = new();

    public Task PutAsync(string key)
    {
        _simulation.Current!.Spend(TimeSpan.FromMilliseconds(15));
        Written.Add(key);
        return Task.CompletedTask;
    }
}

public class TableHandler
{
    private readonly FakeTable _table;

    public TableHandler(FakeTable table) => _table = table;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public Task Handle(string key, ILambdaContext context) => _table.PutAsync(key);
}

public static class StaticHandlers
{
    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static void Throws(string sku) => throw new InvalidOperationException("no stock for " + sku);

    public static async Task<Stream> EchoAsync(Stream input, ILambdaContext context)
    {
        await Task.Yield();
        var copy = new MemoryStream();
        await input.CopyToAsync(copy);
        copy.Position = 0;
        return copy;
    }

    public static void NoParameters()
    {
    }

    public static void ContextOnly(ILambdaContext context)
    {
    }
}

public class Refused
{
    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public void Overloaded(string input)
    {
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public void Overloaded(int input)
    {
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public void ThreeParameters(string input, ILambdaContext context, int extra)
    {
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public void SecondNotContext(string input, string other)
    {
    }

    public string NoSerializer(string input) => input;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public void Generic<T>(T input)
    {
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public void WithParams(params string[] input)
    {
    }
}

public class NoDefaultConstructor
{
    public NoDefaultConstructor(int seed) => _ = seed;

    public void Handle(Stream input)
    {
    }
}

public abstract class AbstractHandler
{
    public void Handle(Stream input)
    {
    }
}

public class DerivedHandler : AbstractHandler
{
}

public class GenericHandler<T>
{
    public void Handle(Stream input)
    {
    }
}
