using System.Globalization;
using System.Text;
using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Tour;

/// <summary>Draws a simulation's concurrency per second as an SVG bar chart.</summary>
public static class Timeline
{
    /// <summary>Where the README shows the picture, relative to the repository root.</summary>
    public const string PoisonBatchPicture = "docs/images/lam202-poison-batch.svg";

    /// <summary>The LAM202 picture: the poison batch without a partial batch response, received again every 30 s.</summary>
    public static string PoisonBatchSvg()
    {
        var simulation = new Simulation();
        Scenarios.PoisonBatch(partialBatchResponse: false, simulation);
        return Svg("LAM202: a poison message fails its batch of 10 every 30 s until redrive (maxReceiveCount 5)", simulation.Metrics, 160);
    }

    /// <summary>
    /// The repository's copy of the picture, found from the working directory or the program's own folder
    /// upwards (the folder holding LambdaAnalyzers.sln); null outside a clone.
    /// </summary>
    public static string? PoisonBatchPicturePath()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "LambdaAnalyzers.sln")))
                {
                    return Path.Combine(directory.FullName, PoisonBatchPicture);
                }
            }
        }

        return null;
    }

    public static string Svg(string title, Metrics metrics, int seconds)
    {
        const int width = 900, height = 260, left = 50, bottom = 40, top = 40;
        var bySecond = metrics.ConcurrencyBySecond;
        var max = Math.Max(1, bySecond.Count == 0 ? 1 : bySecond.Values.Max());
        var barWidth = (double)(width - left - 20) / seconds;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n<text x=\"{left}\" y=\"22\" font-size=\"14\">{title}</text>\n");
        for (var second = 0; second < seconds; second++)
        {
            if (!bySecond.TryGetValue(second, out var busy) || busy == 0)
            {
                continue;
            }

            var barHeight = (double)busy / max * (height - top - bottom);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + second * barWidth:0.##}\" y=\"{height - bottom - barHeight:0.##}\" width=\"{Math.Max(1, barWidth - 1):0.##}\" height=\"{barHeight:0.##}\" fill=\"#d9534f\"/>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 20}\" y2=\"{height - bottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{top + 10}\">{max}</text><text x=\"8\" y=\"{height - bottom}\">0</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 12}\">0 s</text><text x=\"{width - 60}\" y=\"{height - 12}\">{seconds} s</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 200}\" y=\"{height - 12}\">busy environments per second; cold starts {metrics[Metrics.ColdStarts]}, retried messages {metrics[Metrics.Retries]}</text>\n");
        return svg.Append("</svg>\n").ToString();
    }
}
