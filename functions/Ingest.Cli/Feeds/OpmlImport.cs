using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ingest.Core.Polling;

namespace Ingest.Cli.Feeds;

/// <summary>
/// Adds an OPML file's feeds to the catalogue file: those whose address the catalogue lacks are appended, each with
/// <c>source</c> saying which file and day it came from; what the catalogue already says is left as it is.
/// </summary>
internal static class OpmlImport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<(int Feeds, int New)> AddToCatalogueAsync(FileInfo opml, string cataloguePath, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (opml.Exists && opml.Length > OpmlCatalog.MaxBytes)
        {
            throw new FormatException($"{opml.Name} is larger than {OpmlCatalog.MaxBytes / (1024 * 1024)} MB");
        }

        var json = File.Exists(cataloguePath) ? await File.ReadAllTextAsync(cataloguePath, cancellationToken) : """{"feeds": []}""";
        var known = FeedCatalog.LoadEntries(json, cataloguePath);
        var provenance = $"OPML import of {opml.Name} on {now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var read = OpmlCatalog.Read(await File.ReadAllBytesAsync(opml.FullName, cancellationToken), provenance, known.Select(e => e.Feed.Id));
        var urls = known.Select(e => e.Feed.Url).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        var feeds = root["feeds"]!.AsArray();
        var added = 0;
        foreach (var entry in read.Where(e => urls.Add(e.Feed.Url)))
        {
            var node = new JsonObject { ["id"] = entry.Feed.Id, ["title"] = entry.Feed.Title, ["url"] = entry.Feed.Url };
            Add(node, "home", entry.Home);
            Add(node, "language", entry.Feed.Language);
            Add(node, "country", entry.Country);
            node["source"] = entry.Source;
            feeds.Add(node);
            added++;
        }

        var merged = root.ToJsonString(Indented) + "\n";
        FeedCatalog.Load(merged, cataloguePath);
        await File.WriteAllTextAsync(cataloguePath, merged, cancellationToken);
        return (read.Count, added);
    }

    private static void Add(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
