using System.Text;
using Ingest.Core.Feeds.Xml;
using Ingest.Core.Text;

namespace Ingest.Core.Feeds.Atom;

/// <summary>
/// Atom's text constructs and content: <c>type</c> says text, html, xhtml, another XML type or (for any other
/// media type) base64; Atom 0.3 says escaped, xml or base64 in <c>mode</c>. Text stays text: it is never escaped
/// again, and markup that a title escapes is kept as literal text when the title is flattened.
/// </summary>
internal static class AtomTextConstruct
{
    private enum Kind
    {
        Text,
        Html,
        Xhtml,
        Base64Text,
        Base64Html,
    }

    /// <summary>The construct at the cursor as the feed meant it: HTML for html and xhtml types, the text itself for text.</summary>
    public static string? Read(FeedXml xml)
    {
        var kind = KindOf(xml.Cursor);
        var baseUri = xml.Cursor.BaseUri;
        return kind switch
        {
            Kind.Text => xml.Cursor.ReadContent(ContentMode.Text),
            Kind.Html => xml.Html(),
            Kind.Xhtml => xml.Markup(ContentMode.Xhtml),
            Kind.Base64Html => RelativeLinks.Resolve(Base64(xml), baseUri),
            _ => Base64(xml),
        };
    }

    /// <summary>The construct at the cursor as plain text, for titles and subtitles.</summary>
    public static string? ReadPlain(FeedXml xml)
    {
        var kind = KindOf(xml.Cursor);
        return kind switch
        {
            Kind.Text or Kind.Base64Text => Read(xml) is { } text ? NullIfEmpty(HtmlText.NormalizeWhitespace(text)) : null,
            _ => HtmlText.ToTitle(Read(xml)),
        };
    }

    private static Kind KindOf(FeedXmlCursor cursor)
    {
        var type = cursor.Attribute("type")?.Trim().ToLowerInvariant() ?? "text";
        var mode = cursor.Attribute("mode")?.Trim().ToLowerInvariant();
        var html = type.Contains("html", StringComparison.Ordinal);
        switch (mode)
        {
            case "base64":
                return html ? Kind.Base64Html : Kind.Base64Text;
            case "xml":
                return Kind.Xhtml;
            case "escaped":
                return html ? Kind.Html : Kind.Text;
        }

        return type switch
        {
            "text" or "text/plain" or "" => Kind.Text,
            "html" or "text/html" => Kind.Html,
            "xhtml" or "application/xhtml+xml" => Kind.Xhtml,
            _ when type.EndsWith("+xml", StringComparison.Ordinal) || type.EndsWith("/xml", StringComparison.Ordinal) => Kind.Xhtml,
            _ when type.StartsWith("text/", StringComparison.Ordinal) => Kind.Text,

            // RFC 4287 4.1.3.3: any other media type is carried base64-encoded.
            _ => html ? Kind.Base64Html : Kind.Base64Text,
        };
    }

    private static string? Base64(FeedXml xml)
    {
        var encoded = xml.Cursor.ReadContent(ContentMode.Text);
        if (encoded is null)
        {
            return null;
        }

        var buffer = new byte[encoded.Length];
        if (Convert.TryFromBase64String(encoded, buffer, out var written) && System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, written)))
        {
            return NullIfEmpty(Encoding.UTF8.GetString(buffer, 0, written).Trim());
        }

        xml.Warnings.Add("base64 content that is not UTF-8 text was left out");
        return null;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
