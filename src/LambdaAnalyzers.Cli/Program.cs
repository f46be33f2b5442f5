using System;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var console = new ConsoleStreams(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
        try
        {
            return await ReviewCommand.RunAsync(args, console, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("lambda-review: cancelled");
            return ReviewCommand.UsageOrLoadError;
        }
    }
}
