using System.Net;
using System.Text;
using Ingest.Core.Topics;

namespace Ingest.Core.Digests;

/// <summary>Hits as HTML, the same in mail and on pages: snippets with their matches marked, links that can only be http(s).</summary>
public static class SnippetHtml
{
    /// <summary>
    /// The snippet HTML-encoded, with what the matcher found inside <paramref name="tag"/> (<c>b</c> in mail, <c>mark</c> on pages): its highlights (every form, any script), or
    /// where the matcher gave none, the matched terms' names wherever they appear.
    /// </summary>
    public static string Highlight(string snippet, IReadOnlyList<TextSpan>? highlights, IReadOnlyList<MatchedTerm> matched, string tag)
    {
        var marks = new bool[snippet.Length];
        foreach (var span in highlights ?? [])
        {
            if (span.Start >= 0 && span.Length > 0 && span.Start + span.Length <= snippet.Length)
            {
                Array.Fill(marks, true, span.Start, span.Length);
            }
        }

        // A term lists the words the article used for it ("Javelin / Bayraktar"); notes in parentheses are no words.
        var byName = highlights is { Count: > 0 }
            ? []
            : matched.Where(m => !m.Term.Contains(" ~ ", StringComparison.Ordinal) && !m.Term.StartsWith('('))
                .SelectMany(m => m.Term.Split(" / "))
                .Where(t => t.Length > 1)
                .Select(t => t.TrimEnd('*'));
        foreach (var term in byName)
        {
            for (var at = snippet.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0; at = snippet.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
            {
                Array.Fill(marks, true, at, term.Length);
            }
        }

        var html = new StringBuilder();
        for (var i = 0; i < snippet.Length; i++)
        {
            if (marks[i] && (i == 0 || !marks[i - 1]))
            {
                html.Append('<').Append(tag).Append('>');
            }

            html.Append(WebUtility.HtmlEncode(snippet[i].ToString()));
            if (marks[i] && (i == snippet.Length - 1 || !marks[i + 1]))
            {
                html.Append("</").Append(tag).Append('>');
            }
        }

        return html.ToString();
    }

    /// <summary>Only http(s) links are linked: a feed cannot put <c>javascript:</c> in a digest.</summary>
    public static string SafeLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : "#";
}
