using System.Net;
using System.Xml.Linq;
using Ingest.Core.Polling;

namespace Ingest.EndToEnd.Tests;

/// <summary><c>/api/feeds.opml</c>: the sources the service reads, as OPML a feed reader imports.</summary>
public sealed class FeedsOpmlTests
{
    [Fact]
    public async Task The_enabled_feeds_are_listed_as_opml_with_their_titles_and_languages()
    {
        const string catalogue = """
            {"feeds": [
              {"id": "harbour", "title": "Harbour & Coast <News>", "url": "https://harbour.example/feed", "language": "sr"},
              {"id": "retired", "title": "Retired desk", "url": "https://retired.example/feed", "enabled": false}
            ]}
            """;
        await using var service = await ServiceUnderTest.StartAsync(catalogue, "0 0 0 1 1 *", ServiceUnderTest.UnusedSmtp);
        using var http = new HttpClient();

        // The catalogue is imported as the app starts; the list is read from the Feeds table.
        await service.WaitForAsync(async () => (await http.GetStringAsync(new Uri(service.HttpBase, "api/feeds.opml"))).Contains("harbour.example", StringComparison.Ordinal), "the imported feeds");
        var response = await http.GetAsync(new Uri(service.HttpBase, "api/feeds.opml"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/x-opml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2.0", XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root!.Attribute("version")!.Value);
        var feed = Assert.Single(OpmlCatalog.Read(body, "test"));
        Assert.Equal(("https://harbour.example/feed", "Harbour & Coast <News>", "sr"), (feed.Feed.Url, feed.Feed.Title, feed.Feed.Language));
    }
}
