namespace Ingest.Core.Text;

/// <summary>
/// Characters that change how text around them is shown without being seen: bidirectional embeddings, overrides and
/// isolates, direction marks, zero-width spaces and byte-order marks. In a feed's title they can make a headline read
/// as another (a right-to-left override turns "gpj.exe" into "exe.jpg"), so they are removed from what Ingest stores
/// and shows. Zero-width joiners and non-joiners stay: scripts and emoji need them, and they move nothing.
/// </summary>
public static class InvisibleControls
{
    public static string Strip(string text)
    {
        if (text.AsSpan().IndexOfAny(Controls) < 0)
        {
            return text;
        }

        return string.Create(text.Length - Count(text), text, static (span, source) =>
        {
            var at = 0;
            foreach (var c in source)
            {
                if (!Controls.Contains(c))
                {
                    span[at++] = c;
                }
            }
        });
    }

    private static int Count(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += Controls.Contains(c) ? 1 : 0;
        }

        return count;
    }

    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        "\u061C\u200B\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF");
}
