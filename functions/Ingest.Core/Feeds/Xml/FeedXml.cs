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

    /// <summary>
    /// HTML as the feed published it, with a <c>&lt;</c> that opens no markup kept as text (<see cref="StrayLessThan"/>)
    /// and relative links made absolute against the base where the element stands (<see cref="RelativeLinks"/>).
    /// </summary>
    public string? Html() => Markup(ContentMode.Html);

    /// <summary>The element's content read in <paramref name="mode"/>, as HTML whose links work wherever it is shown.</summary>
    public string? Markup(ContentMode mode)
    {
        var baseUri = Cursor.BaseUri;
        var html = Cursor.ReadContent(mode);
        return RelativeLinks.Resolve(mode == ContentMode.Html ? StrayLessThan.Escape(html) : html, baseUri);
    }

    /// <summary>A title or name: entities decoded, tags removed, whitespace collapsed; a title of images alone is their alt text.</summary>
    public string? PlainText() => HtmlText.ToTitle(Text());

    /// <summary>The current element as a date; what could not be read is a warning naming the element and its item.</summary>
    public DateTimeOffset? Date(string itemKind, int index)
    {
        // The reader's names are atomised strings: holding them costs nothing, and the label is only made for a warning.
        var (prefix, name) = (Cursor.Prefix, Cursor.LocalName);
        var parsed = FeedDateParser.Parse(Text());
        if (parsed.Warning is not null)
        {
            var element = prefix.Length == 0 ? name : $"{prefix}:{name}";
            Warnings.Add($"{itemKind} {index + 1} {element}: {parsed.Warning}");
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
        if (IsCanonicalHttpUrl(href))
        {
            return href;
        }

        // On Unix "/path" parses as an absolute file: URI; it is a root-relative link here.
        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" ? HostAsWritten(absolute, href) : null;
        }

        if (baseUri is null)
        {
            // Nothing to resolve against: the caller still sees the link as the feed gave it.
            return href;
        }

        return Uri.TryCreate(baseUri, href, out var resolved) && resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : null;
    }

    /// <summary>
    /// The link as <see cref="Uri.AbsoluteUri"/> writes it, but with its host in the case the feed wrote it: a reader
    /// reports what the publisher wrote (<c>https://Vesti.example.test/</c>); article keys lower-case hosts themselves.
    /// </summary>
    private static string HostAsWritten(Uri uri, string href)
    {
        var canonical = uri.AbsoluteUri;
        var host = uri.Host;
        // Both after the scheme's "://", so that a host like "t" is not found inside "https".
        var at = href.IndexOf(host, href.IndexOf("://", StringComparison.Ordinal) + 3, StringComparison.OrdinalIgnoreCase);
        var inCanonical = canonical.IndexOf(host, canonical.IndexOf("://", StringComparison.Ordinal) + 3, StringComparison.Ordinal);
        return at < 0 || inCanonical < 0 || !href.AsSpan(at, host.Length).ContainsAnyInRange('A', 'Z')
            ? canonical
            : string.Concat(canonical.AsSpan(0, inCanonical), href.AsSpan(at, host.Length), canonical.AsSpan(inCanonical + host.Length));
    }

    /// <summary>
    /// Whether <paramref name="href"/> is an absolute http(s) URL that <see cref="Uri.AbsoluteUri"/> would give back
    /// unchanged: lower-case ASCII host with no port or user, a path, and only characters that are never escaped or
    /// unescaped. Most item links are; for them no <see cref="Uri"/> is built.
    /// </summary>
    private static bool IsCanonicalHttpUrl(ReadOnlySpan<char> href)
    {
        var scheme = href.StartsWith("https://") ? 8 : href.StartsWith("http://") ? 7 : 0;
        if (scheme == 0)
        {
            return false;
        }

        var hostLength = href[scheme..].IndexOf('/');
        if (hostLength <= 0)
        {
            return false;
        }

        foreach (var c in href.Slice(scheme, hostLength))
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        var rest = href[(scheme + hostLength)..];
        if (rest.Contains("/.", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in rest)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/' or '?' or '=' or '&' or '+' or ',' or ';' or ':' or '@' or '!' or '*'))
            {
                return false;
            }
        }

        return true;
    }
}
