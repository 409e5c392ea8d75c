using Ingest.Core.Feeds.Dates;
using Ingest.Core.Text;

namespace Ingest.Core.Feeds.Xml;

/// <summary>What every XML format reader needs at the current element: its text, its date with warnings, and links made absolute.</summary>
internal sealed class FeedXml(FeedXmlCursor cursor, List<string> warnings)
{
    public FeedXmlCursor Cursor { get; } = cursor;

    public List<string> Warnings { get; } = warnings;

    /// <summary>When the feed's own URL is unknown (a file), relative links resolve against its site link instead.</summary>
    public void UseSiteLinkAsBase(string? siteLink)
    {
        if (Cursor.DocumentBase is null && Uri.TryCreate(siteLink, UriKind.Absolute, out var site) && site.Scheme is "http" or "https")
        {
            Cursor.DocumentBase = site;
        }
    }

    public string? Text() => Cursor.ReadContent(ContentMode.Text);

    public string? Html() => Cursor.ReadContent(ContentMode.Html);

    /// <summary>A title or name: entities decoded, tags removed, whitespace collapsed.</summary>
    public string? PlainText() => HtmlText.ToPlainText(Text());

    /// <summary>The current element as a date; what could not be read is a warning naming the element and its item.</summary>
    public DateTimeOffset? Date(string itemKind, int index)
    {
        var element = Cursor.Prefix.Length == 0 ? Cursor.LocalName : $"{Cursor.Prefix}:{Cursor.LocalName}";
        var parsed = FeedDateParser.Parse(Text());
        if (parsed.Warning is not null)
        {
            Warnings.Add(index < 0 ? $"{element}: {parsed.Warning}" : $"{itemKind} {index + 1} {element}: {parsed.Warning}");
        }

        return parsed.Value;
    }

    /// <summary>The current element's text as a link.</summary>
    public string? TextUrl()
    {
        var baseUri = Cursor.BaseUri;
        return Url(Text(), baseUri);
    }

    /// <summary>An attribute of the current element as a link.</summary>
    public string? AttributeUrl(string name) => Url(Cursor.Attribute(name), Cursor.BaseUri);

    /// <summary>Resolves <paramref name="href"/> against <paramref name="baseUri"/>; only http(s) links come out.</summary>
    public static string? Url(string? href, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        href = href.Trim();

        // On Unix "/path" parses as an absolute file: URI; it is a root-relative link here.
        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
        }

        if (baseUri is null)
        {
            // Nothing to resolve against: the caller still sees the link as the feed gave it.
            return href;
        }

        return Uri.TryCreate(baseUri, href, out var resolved) && resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : null;
    }
}
