using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Xml;

/// <summary>The start of an XML feed, made safe and readable before the XML reader sees it.</summary>
internal sealed record Prolog(string Head, bool DeclaresEntities);

/// <summary>
/// Prepares the head of the document: junk before the XML (PHP notices, stray bytes or tags) is dropped, and a
/// DOCTYPE is replaced by what <see cref="DoctypeVetting"/> lets through. Only the head is looked at, so a
/// multi-megabyte feed is never copied for it.
/// </summary>
internal static partial class PrologReader
{
    public static Prolog Prepare(string head, List<string> warnings)
    {
        head = SkipToRoot(head, warnings);

        // Only a DOCTYPE in the prolog is a document type declaration; one anywhere else is left for the reader to refuse.
        var doctype = Doctype().Match(head);
        var firstElement = FirstElement().Match(head);
        if (!doctype.Success || (firstElement.Success && firstElement.Index < doctype.Index))
        {
            return new Prolog(head, DeclaresEntities: false);
        }

        var replacement = DoctypeVetting.Rewrite(doctype, out var entities);
        warnings.Add(entities == 0
            ? "ignored the document's DOCTYPE (DTDs are never loaded)"
            : $"read the {entities} plain-text entities the DOCTYPE declares (DTDs are never loaded)");
        return new Prolog(head.Remove(doctype.Index, doctype.Length).Insert(doctype.Index, replacement), entities > 0);
    }

    /// <summary>Whether <paramref name="head"/> reaches past the start of the root element, so the prolog is all in it.</summary>
    public static bool HoldsRootStart(ReadOnlySpan<char> head) => FirstElement().IsMatch(head);

    private static string SkipToRoot(string text, List<string> warnings)
    {
        var start = text.IndexOf('<');
        if (start < 0)
        {
            throw new FeedParseException(FeedParseFailure.NotAFeed, "not a feed: no XML or JSON found");
        }

        var prologOrRoot = XmlStart().Match(text, start);
        if (prologOrRoot.Success && prologOrRoot.Index == start)
        {
            return start == 0 ? text : text[start..];
        }

        var root = RootStart().Match(text, start);
        if (!root.Success)
        {
            // Not a feed we know; let the reader say what the document is.
            return text[start..];
        }

        warnings.Add($"skipped {root.Index} characters of junk before the XML");
        return text[root.Index..];
    }

    [GeneratedRegex(@"<(\?xml|rss[\s>]|feed[\s>]|rdf:RDF|RDF[\s>]|channel[\s>]|[A-Za-z_][\w.-]*:(rss|feed|RDF)[\s>])")]
    private static partial Regex RootStart();

    [GeneratedRegex(@"<(\?xml|!--|!DOCTYPE|rss[\s>]|feed[\s>]|rdf:RDF|RDF[\s>]|[A-Za-z_][\w.-]*:(rss|feed|RDF)[\s>])", RegexOptions.IgnoreCase)]
    private static partial Regex XmlStart();

    [GeneratedRegex(@"<[A-Za-z_]")]
    private static partial Regex FirstElement();

    [GeneratedRegex(@"<!DOCTYPE\s+(?<root>[^\s\[>]+)(?:[^\[>]*)(?<subset>\[[\s\S]*?\]\s*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex Doctype();
}
