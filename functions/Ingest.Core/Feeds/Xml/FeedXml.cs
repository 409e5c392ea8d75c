using System.Xml.Linq;
using Ingest.Core.Feeds.Dates;
using Ingest.Core.Text;

namespace Ingest.Core.Feeds.Xml;

/// <summary>What every XML feed parser needs: text of children, dates with warnings, and links made absolute.</summary>
internal sealed class FeedXml(Uri? feedUri, List<string> warnings)
{
    private Uri? _baseUri = feedUri is { Scheme: "http" or "https" } ? feedUri : null;

    /// <summary>When the feed's own URL is unknown (a file), relative links resolve against its site link instead.</summary>
    public void UseSiteLinkAsBase(string? siteLink)
    {
        if (_baseUri is null && Uri.TryCreate(siteLink, UriKind.Absolute, out var site) && site.Scheme is "http" or "https")
        {
            _baseUri = site;
        }
    }

    public List<string> Warnings { get; } = warnings;

    public static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var value = element.Value.Trim();
        return value.Length == 0 ? null : value;
    }

    public static string? Text(XElement parent, XName name) => Text(parent.Element(name));

    /// <summary>A title or name: entities decoded, tags removed, whitespace collapsed.</summary>
    public static string? PlainText(XElement? element) => HtmlText.ToPlainText(Text(element));

    public DateTimeOffset? Date(XElement? element, string what)
    {
        var parsed = FeedDateParser.Parse(Text(element));
        if (parsed.Warning is not null)
        {
            Warnings.Add($"{what}: {parsed.Warning}");
        }

        return parsed.Value;
    }

    /// <summary>Resolves <paramref name="href"/> against the <c>xml:base</c> in scope at <paramref name="context"/> and the feed's own URL.</summary>
    public string? Url(XElement context, string? href)
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

        var baseUri = BaseUri(context);
        if (baseUri is null)
        {
            // Nothing to resolve against: the caller still sees the link as the feed gave it.
            return href;
        }

        return Uri.TryCreate(baseUri, href, out var resolved) && resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : null;
    }

    private Uri? BaseUri(XElement context)
    {
        var current = _baseUri;
        foreach (var element in context.AncestorsAndSelf().Reverse())
        {
            var xmlBase = element.Attribute(XNamespace.Xml + "base")?.Value;
            if (string.IsNullOrWhiteSpace(xmlBase))
            {
                continue;
            }

            current = current is null
                ? Uri.TryCreate(xmlBase.Trim(), UriKind.Absolute, out var absolute) ? absolute : null
                : Uri.TryCreate(current, xmlBase.Trim(), out var combined) ? combined : current;
        }

        return current;
    }
}
