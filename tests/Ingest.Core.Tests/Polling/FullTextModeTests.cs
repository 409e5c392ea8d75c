using Ingest.Core.Model;
using Ingest.Core.Polling;

namespace Ingest.Core.Tests.Polling;

/// <summary>The catalogue's <c>fullText</c>: "auto" unless a feed says otherwise.</summary>
public sealed class FullTextModeTests
{
    [Fact]
    public void A_feed_reads_pages_of_stubs_by_default_and_always_or_never_when_the_catalogue_says_so()
    {
        var feeds = FeedCatalog.Load("""
            {"feeds":[
              {"id":"plain","url":"https://a.example/feed"},
              {"id":"auto","url":"https://b.example/feed","fullText":"auto"},
              {"id":"always","url":"https://c.example/feed","fullText":true},
              {"id":"never","url":"https://d.example/feed","fullText":false}]}
            """);

        Assert.Equal([FullTextMode.Auto, FullTextMode.Auto, FullTextMode.Always, FullTextMode.Never], feeds.Select(f => f.FullText));
    }
}
