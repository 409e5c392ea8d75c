using System.Text.Json;

namespace Ingest.Core.Topics;

/// <summary>Reads and checks a topic model file; every error names the topic and the field at fault.</summary>
public static class TopicModelLoader
{
    public static TopicModel LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new TopicModelException($"topic model {path} does not exist");
        }

        return Load(File.ReadAllText(path), path);
    }

    public static TopicModel Load(string json, string source = "topic model")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new TopicModelException($"{source} is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var n) ? n : throw new TopicModelException($"{source}: version must be a whole number");
            var titleBoost = root.TryGetProperty("titleBoost", out var tb) ? Number(tb, $"{source}: titleBoost", min: 1) : 1.5;
            if (!root.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Array || topics.GetArrayLength() == 0)
            {
                throw new TopicModelException($"{source}: topics must be a non-empty array");
            }

            var list = topics.EnumerateArray().Select((t, i) => Topic(t, i)).ToList();
            var duplicate = list.GroupBy(t => t.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new TopicModelException($"topic '{duplicate.Key}': id is used by more than one topic");
            }

            return new TopicModel(version, titleBoost, list, Optional(root, "outlets", $"{source}: outlets"));
        }
    }

    private static TopicDefinition Topic(JsonElement topic, int index)
    {
        var id = topic.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z][a-z0-9-]{1,40}$"))
        {
            throw new TopicModelException($"topics[{index}]: id must be lower-case letters, digits and dashes, not '{id}'");
        }

        var where = $"topic '{id}'";
        var terms = Array(topic, "terms", where, required: true).Select((t, i) => new TopicTerm(
            Forms(t, "forms", $"{where}: terms[{i}].forms"),
            t.TryGetProperty("weight", out var w) ? Number(w, $"{where}: terms[{i}].weight", min: 0.01) : throw new TopicModelException($"{where}: terms[{i}].weight is missing"),
            Flag(t, "support"))).ToList();
        var near = Array(topic, "requireNear", where, required: false).Select((r, i) =>
        {
            var at = $"{where}: requireNear[{i}]";
            var window = r.TryGetProperty("window", out var wi) && wi.TryGetInt32(out var words) && words is >= 1 and <= 100
                ? words
                : throw new TopicModelException($"{at}.window must be a whole number of words from 1 to 100");
            return new NearRule(
                r.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : $"rule {i + 1}",
                window,
                r.TryGetProperty("weight", out var w) ? Number(w, $"{at}.weight", min: 0) : 0,
                Forms(r, "a", $"{at}.a"),
                Forms(r, "b", $"{at}.b"),
                !r.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.False,
                Flag(r, "salient"),
                Flag(r, "support"));
        }).ToList();

        return new TopicDefinition(
            id,
            Text(topic, "title", where),
            Text(topic, "description", where),
            topic.TryGetProperty("threshold", out var th) ? Number(th, $"{where}: threshold", min: 0.01) : throw new TopicModelException($"{where}: threshold is missing"),
            terms,
            near,
            Optional(topic, "exclude", $"{where}: exclude"),
            Optional(topic, "sources", $"{where}: sources"),
            topic.TryGetProperty("label", out _) ? Text(topic, "label", where) : null,
            topic.TryGetProperty("supportCap", out var cap) ? Number(cap, $"{where}: supportCap", min: 0) : null);
    }

    private static bool Flag(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static List<JsonElement> Array(JsonElement parent, string name, string where, bool required)
    {
        if (!parent.TryGetProperty(name, out var array))
        {
            return required ? throw new TopicModelException($"{where}: {name} is missing") : [];
        }

        return array.ValueKind == JsonValueKind.Array && (!required || array.GetArrayLength() > 0)
            ? array.EnumerateArray().ToList()
            : throw new TopicModelException($"{where}: {name} must be {(required ? "a non-empty" : "an")} array");
    }

    /// <summary>A list that may be absent or empty.</summary>
    private static List<string> Optional(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var array) && !(array.ValueKind == JsonValueKind.Array && array.GetArrayLength() == 0)
            ? Forms(parent, name, where)
            : [];

    private static List<string> Forms(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw new TopicModelException($"{where} must be a non-empty array of strings");
        }

        var forms = array.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.String ? f.GetString()!.Trim() : "").ToList();
        var bad = forms.FindIndex(f => f.Length == 0
            || TextNormalizer.Tokenize(f.Replace("*", "", StringComparison.Ordinal)).Count == 0
            || f.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(word => word.TrimEnd('*').Contains('*') || word == "*"));
        if (bad >= 0)
        {
            throw new TopicModelException($"{where}[{bad}] must contain a word, with '*' only at the end of a word");
        }

        var mixed = forms.FindIndex(f => f.Split(' ', '-').Any(MixesScripts));
        return mixed < 0
            ? forms
            : throw new TopicModelException($"{where}[{mixed}] '{forms[mixed]}' mixes Latin and Cyrillic letters in one word, which no article writes");
    }

    /// <summary>A Latin letter typed into a Cyrillic word (or the reverse) looks right and never matches.</summary>
    private static bool MixesScripts(string word) =>
        word.Any(char.IsAsciiLetter) && word.Any(c => c is >= '\u0400' and <= '\u04FF');

    private static string Text(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0
            ? value.GetString()!.Trim()
            : throw new TopicModelException($"{where}: {name} must be a non-empty string");

    private static double Number(JsonElement value, string where, double min) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() >= min
            ? value.GetDouble()
            : throw new TopicModelException($"{where} must be a number of at least {min}");
}
