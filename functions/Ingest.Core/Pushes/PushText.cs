namespace Ingest.Core.Pushes;

/// <summary>Text from the internet made safe and short enough for a chat message.</summary>
public static class PushText
{
    /// <summary>At most <paramref name="max"/> characters, cut at a word where one is near, with an ellipsis.</summary>
    public static string Clip(string? text, int max)
    {
        text = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1, Math.Min(max - 1, 40));
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : max - 1), "…");
    }

    /// <summary>
    /// Slack's three control characters escaped, so a title cannot open a link, a mention (<c>&lt;!channel&gt;</c>) or
    /// a user reference; Slack has no escape for its emphasis marks, which can only change how text looks.
    /// </summary>
    public static string Slack(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A link in Slack's <c>&lt;url|text&gt;</c> form; the address cannot end it early or carry a second one.</summary>
    public static string SlackLink(string url, string text) =>
        $"<{url.Replace("|", "%7C", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}|{Slack(text)}>";
}
