using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ingest.Core.Pushes;

/// <summary>
/// A Teams workflow-webhook message: one Adaptive Card (1.4) attachment. Every outside word goes into a
/// <c>RichTextBlock</c>'s <c>TextRun</c>, which Teams shows as written, never as Markdown, so a title cannot make a
/// link or a heading; links are the runs' <c>Action.OpenUrl</c>. Events are added while the card stays under
/// <see cref="MaxCardBytes"/>, well within the 28 KB Teams takes.
/// </summary>
public static class TeamsPayload
{
    public const int MaxCardBytes = 24 * 1024;

    public static byte[] Write(PushMessage message)
    {
        var body = new JsonArray { Text(PushText.Clip(message.Subject, 200), size: "Large", bold: true) };
        if (message.Lead is { } lead)
        {
            body.Add(Text(PushText.Clip(lead, 1000)));
        }

        var size = JsonSerializer.SerializeToUtf8Bytes(body).Length;
        var shown = 0;
        foreach (var item in message.Items)
        {
            var entry = Entry(item);
            size += JsonSerializer.SerializeToUtf8Bytes(entry).Length + 1;
            if (size > MaxCardBytes - 1024)
            {
                break;
            }

            body.Add(entry);
            shown++;
        }

        if (shown < message.Items.Count)
        {
            body.Add(Text($"and {message.Items.Count - shown} more in your mail", subtle: true));
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        var envelope = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card } },
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    private static JsonObject Entry(PushItem item)
    {
        var items = new JsonArray
        {
            Text(PushText.Clip(item.Title, 250), bold: true, url: item.Url),
            Text(item.Byline, subtle: true),
            Text(item.MatchedLine, subtle: true),
        };
        if (!string.IsNullOrWhiteSpace(item.Snippet))
        {
            items.Add(Text(PushText.Clip(item.Snippet, 500)));
        }

        if (item.Reach is { } reach)
        {
            items.Add(Text(reach + ":", subtle: true));
            foreach (var report in item.OtherReports.Take(5))
            {
                items.Add(Text($"{PushText.Clip(report.Title, 120)} ({report.Source})", url: report.Url));
            }
        }

        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items };
    }

    private static JsonObject Text(string text, string? size = null, bool bold = false, bool subtle = false, string? url = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (size is not null)
        {
            run["size"] = size;
        }

        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (url is not null && url != "#")
        {
            run["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = url };
        }

        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray { run } };
    }
}
