using System.Text.Json;
using System.Text.Json.Serialization;

namespace LambdaAnalyzers.RealWorld;

/// <summary>One repository's labels, as tests/RealWorld/LABELING.md describes them.</summary>
internal sealed record RepositoryLabels(
    string Repo,
    string Commit,
    string? Kind,
    IReadOnlyList<ProjectLabels> Projects)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static RepositoryLabels Read(string path)
        => JsonSerializer.Deserialize<RepositoryLabels>(File.ReadAllText(path), Json)
           ?? throw new InvalidDataException($"{path}: empty label file");
}

internal sealed record ProjectLabels(
    string Project,
    string? Notes,
    IReadOnlyList<HandlerLabel>? Handlers,
    IReadOnlyList<FindingLabel>? Expected,
    IReadOnlyList<FindingLabel>? Elsewhere);

internal sealed record HandlerLabel(
    string File,
    int Line,
    string? Type,
    string? Method,
    string? Trigger,
    string? TriggerFrom,
    string? Discovery);

internal sealed record FindingLabel(string Rule, string File, int Line, string? Why)
{
    [JsonIgnore]
    public FindingKey Key => new(Rule, File, Line);
}

/// <summary>What a label and a diagnostic are matched on: the rule, the file (relative to the repository root) and the line.</summary>
internal readonly record struct FindingKey(string Rule, string File, int Line)
{
    public override string ToString() => $"{File}:{Line} {Rule}";
}
