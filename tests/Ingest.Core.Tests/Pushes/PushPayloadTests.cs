using System.Text.Json;
using Ingest.Core.Model;
using Ingest.Core.Pushes;

namespace Ingest.Core.Tests.Pushes;

public sealed class PushPayloadTests
{
    private static readonly DateTimeOffset Published = new(2026, 12, 6, 7, 30, 0, TimeSpan.Zero);

    private static PushItem Item(int n, string title = "Patrol near the crossing", string url = "https://news.example/a") => new(
        "KFOR", $"{title} {n}", url, "wire", Published, "en", 7.5, ["KFOR", "patrol"], "KFOR, patrol", "A patrol of the mission near the crossing at dawn.", $"s-{n}",
        "2 reports from 2 outlets in 2 languages", [new PushReport("Patrola kod prelaza", "https://vijesti.example/b", "vijesti", "sr")]);

    private static PushMessage Message(params PushItem[] items) => new("e-1.a-1", "alert", "KFOR: 1 new story", null, items);

    [Fact]
    public void A_slack_message_escapes_what_a_feed_wrote_so_it_cannot_mention_the_channel_or_make_links()
    {
        var hostile = Item(1, "<!channel> read <https://evil.example|this> & more", "https://news.example/a?x=1|<https://evil.example>");

        var json = JsonDocument.Parse(SlackPayload.Write(Message(hostile))).RootElement;
        var section = json.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString()!;

        Assert.DoesNotContain("<!channel>", section, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt; read &lt;https://evil.example|this&gt; &amp; more", section, StringComparison.Ordinal);
        Assert.StartsWith("*<https://news.example/a?x=1%7C%3Chttps://evil.example%3E|", section, StringComparison.Ordinal);
        Assert.Single(section.Split("<https://news.example/a", StringSplitOptions.None).Skip(1));
    }

    [Fact]
    public void A_slack_message_of_many_events_stays_within_fifty_blocks_and_says_how_many_did_not_fit()
    {
        var json = JsonDocument.Parse(SlackPayload.Write(Message([.. Enumerable.Range(0, 60).Select(n => Item(n))]))).RootElement;
        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();

        Assert.True(blocks.Count <= 50);
        Assert.Equal("and 15 more in your mail", blocks[^1].GetProperty("elements")[0].GetProperty("text").GetString());
        Assert.All(blocks.Where(b => b.GetProperty("type").GetString() == "section"), b => Assert.True(b.GetProperty("text").GetProperty("text").GetString()!.Length <= 3000));
    }

    [Fact]
    public void A_teams_card_puts_outside_words_only_in_text_runs_where_markdown_is_not_read()
    {
        var hostile = Item(1, "**Urgent** [click](https://evil.example) # heading");

        var card = JsonDocument.Parse(TeamsPayload.Write(Message(hostile))).RootElement.GetProperty("attachments")[0].GetProperty("content");
        var runs = Runs(card.GetProperty("body")).ToList();

        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Contains(runs, r => r.GetProperty("text").GetString() == "**Urgent** [click](https://evil.example) # heading 1"
            && r.GetProperty("selectAction").GetProperty("url").GetString() == "https://news.example/a");
        Assert.DoesNotContain(Blocks(card.GetProperty("body")), b => b.GetProperty("type").GetString() == "TextBlock");
    }

    [Fact]
    public void A_teams_card_of_many_events_stays_under_its_size_and_says_how_many_did_not_fit()
    {
        var bytes = TeamsPayload.Write(Message([.. Enumerable.Range(0, 300).Select(n => Item(n))]));

        Assert.True(bytes.Length <= TeamsPayload.MaxCardBytes, $"{bytes.Length} bytes");
        var last = Runs(JsonDocument.Parse(bytes).RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")).Last();
        Assert.Matches("^and [0-9]+ more in your mail$", last.GetProperty("text").GetString());
    }

    [Fact]
    public void A_webhook_body_carries_the_delivery_id_and_each_event_with_what_matched()
    {
        var json = JsonDocument.Parse(WebhookPayload.Write(Message(Item(1), Item(2)))).RootElement;

        Assert.Equal("e-1.a-1", json.GetProperty("id").GetString());
        Assert.Equal("alert", json.GetProperty("type").GetString());
        var first = json.GetProperty("items")[0];
        Assert.Equal(("Patrol near the crossing 1", "https://news.example/a", "s-1"), (first.GetProperty("title").GetString(), first.GetProperty("url").GetString(), first.GetProperty("storyId").GetString()));
        Assert.Equal(["KFOR", "patrol"], first.GetProperty("matched").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("vijesti", first.GetProperty("otherReports")[0].GetProperty("source").GetString());
        Assert.Equal(0, json.GetProperty("more").GetInt32());
    }

    [Fact]
    public void Every_kind_writes_its_own_format()
    {
        var message = Message(Item(1));

        Assert.True(JsonDocument.Parse(PushPayload.Write(PushKind.Slack, message)).RootElement.TryGetProperty("blocks", out _));
        Assert.True(JsonDocument.Parse(PushPayload.Write(PushKind.Teams, message)).RootElement.TryGetProperty("attachments", out _));
        Assert.True(JsonDocument.Parse(PushPayload.Write(PushKind.Webhook, message)).RootElement.TryGetProperty("items", out _));
    }

    private static IEnumerable<JsonElement> Blocks(JsonElement elements) =>
        elements.EnumerateArray().SelectMany(e => e.TryGetProperty("items", out var items) ? Blocks(items) : [e]);

    private static IEnumerable<JsonElement> Runs(JsonElement elements) =>
        Blocks(elements).SelectMany(b => b.GetProperty("inlines").EnumerateArray());
}
