using System.Text;

namespace LambdaAnalyzers.RealWorld;

/// <summary>True and false positives and misses per rule, and every mismatch with where it is.</summary>
internal sealed class Score
{
    private static readonly (string Name, string Prefix)[] Families =
    [
        ("reuse", "LAM00"), ("secrets", "LAM10"), ("delivery", "LAM20"), ("execution", "LAM30"), ("deployment", "LAM40"),
    ];

    private readonly SortedDictionary<string, (int Tp, int Fp, int Fn)> _rules = new(StringComparer.Ordinal);
    private readonly List<string> _falseAlarms = [];
    private readonly List<string> _misses = [];
    private readonly SortedDictionary<string, int> _elsewhere = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _elsewhereFound = new(StringComparer.Ordinal);
    private readonly List<string> _foundElsewhere = [];

    public void Add(string repo, ProjectLabels project, IReadOnlyDictionary<FindingKey, string> reported)
    {
        var expected = (project.Expected ?? []).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
        var elsewhere = (project.Elsewhere ?? []).Select(f => f.Key).ToHashSet();
        foreach (var (key, message) in reported)
        {
            if (expected.ContainsKey(key))
            {
                Bump(key.Rule, tp: 1);
            }
            else if (elsewhere.Contains(key))
            {
                // A real finding the labels count apart (they judged no per-project analysis could see it): neither
                // a true positive of the scored set nor a false alarm.
                _elsewhereFound[key.Rule] = _elsewhereFound.GetValueOrDefault(key.Rule) + 1;
                _foundElsewhere.Add($"{repo}: {key}");
            }
            else
            {
                Bump(key.Rule, fp: 1);
                _falseAlarms.Add($"{repo}: {key}: {message}");
            }
        }

        foreach (var (key, label) in expected)
        {
            if (!reported.ContainsKey(key))
            {
                Bump(key.Rule, fn: 1);
                _misses.Add($"{repo}: {key}: {label.Why}");
            }
        }

        foreach (var finding in project.Elsewhere ?? [])
        {
            _elsewhere[finding.Rule] = _elsewhere.GetValueOrDefault(finding.Rule) + 1;
        }
    }

    private void Bump(string rule, int tp = 0, int fp = 0, int fn = 0)
    {
        var (t, p, n) = _rules.GetValueOrDefault(rule);
        _rules[rule] = (t + tp, p + fp, n + fn);
    }

    public void Print(bool markdown)
    {
        foreach (var rule in _elsewhereFound.Keys)
        {
            _rules.TryAdd(rule, (0, 0, 0));
        }

        var rows = new List<(string Name, int Tp, int Fp, int Fn)>();
        rows.AddRange(_rules.Select(r => (r.Key, r.Value.Tp, r.Value.Fp, r.Value.Fn)));
        foreach (var (name, prefix) in Families)
        {
            var members = _rules.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Value).ToList();
            if (members.Count > 0)
            {
                rows.Add(($"{name} family", members.Sum(m => m.Tp), members.Sum(m => m.Fp), members.Sum(m => m.Fn)));
            }
        }

        rows.Add(("all", _rules.Values.Sum(m => m.Tp), _rules.Values.Sum(m => m.Fp), _rules.Values.Sum(m => m.Fn)));

        var text = new StringBuilder();
        text.AppendLine(markdown ? "| rule | tp | fp | fn | precision | recall | elsewhere |" : $"{"rule",-18} {"tp",4} {"fp",4} {"fn",4} {"precision",10} {"recall",7} {"elsewhere",14}");
        if (markdown)
        {
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        }

        foreach (var (name, tp, fp, fn) in rows)
        {
            var elsewhere = !name.StartsWith("LAM", StringComparison.Ordinal) ? ""
                : _elsewhereFound.GetValueOrDefault(name) is > 0 and var found ? $"{_elsewhere.GetValueOrDefault(name)} ({found} found)"
                : _elsewhere.GetValueOrDefault(name).ToString();
            var precision = tp + fp == 0 ? "–" : ((double)tp / (tp + fp)).ToString("0.00");
            var recall = tp + fn == 0 ? "–" : ((double)tp / (tp + fn)).ToString("0.00");
            text.AppendLine(markdown
                ? $"| {name} | {tp} | {fp} | {fn} | {precision} | {recall} | {elsewhere} |"
                : $"{name,-18} {tp,4} {fp,4} {fn,4} {precision,10} {recall,7} {elsewhere,14}");
        }

        Console.Write(text);
        Console.WriteLine();
        Console.WriteLine($"false alarms ({_falseAlarms.Count}):");
        _falseAlarms.ForEach(line => Console.WriteLine("  " + line));
        Console.WriteLine($"misses ({_misses.Count}):");
        _misses.ForEach(line => Console.WriteLine("  " + line));
        Console.WriteLine($"found, though labelled elsewhere ({_foundElsewhere.Count}):");
        _foundElsewhere.ForEach(line => Console.WriteLine("  " + line));
    }
}

/// <summary>What the corpus holds, for the closing line of a run.</summary>
internal sealed class CorpusCounts
{
    private readonly SortedDictionary<string, int> _triggers = new(StringComparer.Ordinal);

    public int Repositories { get; set; }

    public int Projects { get; private set; }

    public int Handlers { get; private set; }

    public int CompilerErrors { get; set; }

    public TimeSpan AnalysisTime { get; set; }

    public void Add(ProjectLabels project)
    {
        Projects++;
        foreach (var handler in project.Handlers ?? [])
        {
            Handlers++;
            var trigger = handler.Trigger ?? "unknown";
            _triggers[trigger] = _triggers.GetValueOrDefault(trigger) + 1;
        }
    }

    public override string ToString()
        => $"{Repositories} repositories, {Projects} projects, {Handlers} handlers ("
           + string.Join(", ", _triggers.Select(t => $"{t.Key} {t.Value}"))
           + $"); {CompilerErrors} compiler errors in all; analyzers ran {AnalysisTime.TotalSeconds:0.0} s";
}
