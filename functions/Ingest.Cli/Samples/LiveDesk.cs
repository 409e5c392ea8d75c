using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Ingest.Cli.Samples;

/// <summary>An article of the live desk's pool (<c>seeds/samples/live/pool.json</c>).</summary>
internal sealed record PoolArticle(string Title, string Text, string Language);

/// <summary>
/// The sample server's live feed: one article of the pool when it starts and one more every <c>pace</c>, dated when
/// it is published, so a local run sees new articles, hits, alerts and today's chart bars within minutes. Each
/// publication has a link of its own (the run's start and the item's number), so going round the pool again makes
/// new articles, not repeats Ingest would skip.
/// </summary>
internal sealed class LiveDesk(IReadOnlyList<PoolArticle> pool, TimeSpan pace, TimeProvider time)
{
    /// <summary>As many items as a news feed usually keeps.</summary>
    public const int ItemsKept = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly DateTimeOffset _start = time.GetUtcNow();

    public static LiveDesk Load(string poolFile, TimeSpan pace, TimeProvider time)
    {
        var pool = JsonSerializer.Deserialize<PoolFile>(File.ReadAllText(poolFile), Json)?.Articles;
        return pool is { Count: > 0 }
            ? new LiveDesk(pool, pace, time)
            : throw new CliException($"{poolFile} lists no articles", ExitCodes.BadInput);
    }

    /// <summary>How many items have been published by now: the first at start, then one a pace.</summary>
    public int Published => (int)((time.GetUtcNow() - _start) / pace) + 1;

    /// <summary>Changes with every new item, for conditional GETs.</summary>
    public string ETag => $"\"live-{_start.ToUnixTimeSeconds()}-{Published}\"";

    public DateTimeOffset LastPublishedAt => _start + (pace * (Published - 1));

    public string Rss(Uri server)
    {
        var count = Published;
        var items = Enumerable.Range(Math.Max(0, count - ItemsKept), Math.Min(count, ItemsKept)).Reverse().Select(n =>
        {
            var article = pool[n % pool.Count];
            var link = new Uri(server, $"live/{_start.ToUnixTimeSeconds()}-{n}").AbsoluteUri;
            return new XElement("item",
                new XElement("title", article.Title),
                new XElement("link", link),
                new XElement("guid", new XAttribute("isPermaLink", "true"), link),
                new XElement("pubDate", (_start + (pace * n)).ToString("R", CultureInfo.InvariantCulture)),
                new XElement("description", article.Text));
        });
        var channel = new XElement("channel",
            new XElement("title", "Sample: Live desk"),
            new XElement("link", server.AbsoluteUri),
            new XElement("description", $"A sample article every {pace.TotalSeconds:0} seconds, for Ingest's local run."),
            new XElement("language", "en"),
            items);
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + new XElement("rss", new XAttribute("version", "2.0"), channel);
    }

    private sealed record PoolFile(List<PoolArticle> Articles);
}
