using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ingest.Core.Pushes;

/// <summary>
/// A Slack incoming-webhook message: <c>text</c> (the subject, what notifications show) and Block Kit blocks, one
/// <c>section</c> per event in <c>mrkdwn</c> with every outside word escaped (<see cref="PushText.Slack"/>). Kept within
/// Slack's limits: 50 blocks a message and 3,000 characters a section.
/// </summary>
public static class SlackPayload
{
    /// <summary>Events shown; the blocks left over carry the header, the lead and "and N more".</summary>
    public const int MaxItems = 45;

    private const int MaxSectionText = 3000;

    private const int MaxUrl = 1000;

    public static byte[] Write(PushMessage message)
    {
        var blocks = new JsonArray { Section(PushText.Slack($"*{PushText.Clip(message.Subject, 200)}*")) };
        if (message.Lead is { } lead)
        {
            blocks.Add(Section(PushText.Slack(PushText.Clip(lead, 1000))));
        }

        foreach (var item in message.Items.Take(MaxItems))
        {
            blocks.Add(Section(Describe(item)));
        }

        if (message.Items.Count > MaxItems)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = $"and {message.Items.Count - MaxItems} more in your mail" } },
            });
        }

        var body = new JsonObject { ["text"] = PushText.Slack(PushText.Clip(message.Subject, 200)), ["blocks"] = blocks };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private static string Describe(PushItem item)
    {
        var text = new StringBuilder()
            .Append('*').Append(Link(item.Url, PushText.Clip(item.Title, 250))).Append("*\n")
            .Append(PushText.Slack(item.Byline)).Append('\n')
            .Append(PushText.Slack(item.MatchedLine));
        if (!string.IsNullOrWhiteSpace(item.Snippet))
        {
            text.Append("\n>").Append(PushText.Slack(PushText.Clip(item.Snippet, 500)));
        }

        if (item.Reach is { } reach)
        {
            text.Append('\n').Append(PushText.Slack(reach)).Append(':');
            foreach (var report in item.OtherReports.Select(r => Link(r.Url, $"{PushText.Clip(r.Title, 120)} ({r.Source})")))
            {
                // Whole links only: one cut in half would break the markup of the rest.
                if (text.Length + report.Length + 2 > MaxSectionText)
                {
                    break;
                }

                text.Append(' ').Append(report);
            }
        }

        return text.ToString();
    }

    /// <summary>A link, or the bare text when the address alone would crowd out the section.</summary>
    private static string Link(string url, string text) => url.Length <= MaxUrl ? PushText.SlackLink(url, text) : PushText.Slack(text);

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn },
    };
}
