using System.Text.Json;
using Ingest.Core.Topics;

namespace Ingest.Cli.Topics;

/// <summary>One JSON line of <c>{"id","title","text"[,"labels"]}</c>, or why it is not.</summary>
internal static class ArticleLine
{
    public static LabelledArticle? Parse(string line, int lineNumber, out string? error)
    {
        error = null;
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"line {lineNumber}: expected a JSON object";
                return null;
            }

            var id = root.TryGetProperty("id", out var idElement) ? idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number => idElement.GetRawText(),
                _ => null,
            } : null;
            var labels = root.TryGetProperty("labels", out var labelArray) && labelArray.ValueKind == JsonValueKind.Array
                ? labelArray.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            return new LabelledArticle(id ?? $"line {lineNumber}", Text(root, "title"), Text(root, "text"), labels);
        }
        catch (JsonException ex)
        {
            error = $"line {lineNumber}: not valid JSON ({ex.Message.Split('.')[0]})";
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
