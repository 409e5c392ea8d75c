using System.Text.Json;
using System.Text.RegularExpressions;
using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// One catalogue entry: the feed to poll and what the catalogue says about the outlet behind it — its home page, the
/// country it reports from (<c>INT</c> for international desks and institutions) and where the feed's address was found.
/// </summary>
public sealed record CatalogEntry(FeedRecord Feed, string? Home, string? Country, string? Source);

/// <summary>
/// The feeds Ingest should watch (<c>seeds/feeds.json</c>, or the <c>FeedsPath</c> setting): an id, the
/// address, and how to read it. A bad file fails with the feed and field named.
/// </summary>
public static partial class FeedCatalog
{
    /// <summary>The languages the normaliser and the topic model read (<c>cnr</c>: Montenegrin).</summary>
    public static IReadOnlySet<string> Languages { get; } = new HashSet<string>(StringComparer.Ordinal) { "en", "sr", "bs", "hr", "cnr", "sq", "mk" };

    /// <summary>Where an outlet reports from: the region's countries (<c>XK</c>: Kosovo) or <c>INT</c>, an international desk or institution.</summary>
    public static IReadOnlySet<string> Countries { get; } = new HashSet<string>(StringComparer.Ordinal) { "AL", "BA", "HR", "ME", "MK", "RS", "XK", "INT" };

    public static IReadOnlyList<FeedRecord> LoadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"feed catalogue {path} cannot be read: {ex.Message}", ex);
        }

        return Load(json, path);
    }

    public static IReadOnlyList<FeedRecord> Load(string json, string source = "feed catalogue") => [.. LoadEntries(json, source).Select(e => e.Feed)];

    public static IReadOnlyList<CatalogEntry> LoadEntries(string json, string source = "feed catalogue")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source} is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("feeds", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{source}: expected an object with a \"feeds\" array");
            }

            var feeds = new List<CatalogEntry>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var urls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var where = $"{source}: feeds[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"{where}: must be an object");
                }

                var id = Text(entry, "id", where) ?? throw new FormatException($"{where}: \"id\" is required");
                where = $"{source}: feed '{id}'";
                if (!IdPattern().IsMatch(id))
                {
                    throw new FormatException($"{where}: \"id\" must be 2-63 lower-case letters, digits and dashes");
                }

                if (!ids.Add(id))
                {
                    throw new FormatException($"{where}: the id is used twice");
                }

                var url = Text(entry, "url", where);
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    throw new FormatException($"{where}: \"url\" must be an absolute http(s) address");
                }

                if (!urls.Add(uri.AbsoluteUri))
                {
                    throw new FormatException($"{where}: another feed already has the address {uri.AbsoluteUri}");
                }

                var home = Text(entry, "home", where);
                if (home is not null && (!Uri.TryCreate(home, UriKind.Absolute, out var homeUri) || homeUri.Scheme is not ("http" or "https")))
                {
                    throw new FormatException($"{where}: \"home\" must be an absolute http(s) address");
                }

                var language = OneOf(entry, "language", Languages, where);
                var country = OneOf(entry, "country", Countries, where);
                var origin = Text(entry, "source", where);
                if (origin is not null && string.IsNullOrWhiteSpace(origin))
                {
                    throw new FormatException($"{where}: \"source\" must say where the address was found");
                }

                var feed = new FeedRecord(id, uri.AbsoluteUri, Text(entry, "title", where), language, FullText(entry, where), Flag(entry, "enabled", where, true));
                feeds.Add(new CatalogEntry(feed, home, country, origin));
            }

            return feeds;
        }
    }

    private static string? Text(JsonElement entry, string name, string where) =>
        !entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"{where}: \"{name}\" must be a string");

    private static string? OneOf(JsonElement entry, string name, IReadOnlySet<string> allowed, string where)
    {
        var value = Text(entry, name, where);
        return value is null || allowed.Contains(value) ? value : throw new FormatException($"{where}: \"{name}\" must be one of {string.Join(", ", allowed)}");
    }

    private static bool Flag(JsonElement entry, string name, string where, bool fallback) =>
        !entry.TryGetProperty(name, out var value) ? fallback
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new FormatException($"{where}: \"{name}\" must be true or false");

    private static FullTextMode FullText(JsonElement entry, string where) =>
        !entry.TryGetProperty("fullText", out var value) ? FullTextMode.Auto
        : value.ValueKind == JsonValueKind.True ? FullTextMode.Always
        : value.ValueKind == JsonValueKind.False ? FullTextMode.Never
        : value.ValueKind == JsonValueKind.String && value.GetString() == "auto" ? FullTextMode.Auto
        : throw new FormatException($"{where}: \"fullText\" must be true, false or \"auto\"");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex IdPattern();
}
