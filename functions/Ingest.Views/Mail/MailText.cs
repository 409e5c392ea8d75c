using System.Text;
using HtmlAgilityPack;

namespace Ingest.Views.Mail;

/// <summary>
/// A mail's plain-text part, read from its rendered HTML: headings underlined, list items as "* ", definition terms
/// with a colon, links as <c>text &lt;url&gt;</c> (RFC 3986's way of writing an address in text). Only for the markup
/// Ingest's own mail components write; whitespace from a feed collapses, so no line of it can start a new one.
/// </summary>
public static class MailText
{
    public static string FromHtml(string html)
    {
        var document = new HtmlDocument();
        document.LoadHtml(html);
        var writer = new Writer();
        writer.Walk(document.DocumentNode.SelectSingleNode("//body") ?? document.DocumentNode);
        return writer.Finish();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _line = new();
        private string _indent = "";
        private bool _bullet;
        private bool _space;

        public void Walk(HtmlNode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is HtmlTextNode text)
                {
                    AppendText(HtmlEntity.DeEntitize(text.Text));
                }
                else if (child.NodeType == HtmlNodeType.Element)
                {
                    Element(child);
                }
            }
        }

        public string Finish()
        {
            EndLine();
            return _output.ToString().TrimEnd() + "\n";
        }

        private void Element(HtmlNode element)
        {
            switch (element.Name)
            {
                case "head" or "style" or "script" or "title":
                    return;
                case "br":
                    EndLine();
                    return;
                case "a":
                    Walk(element);
                    var href = element.GetAttributeValue("href", "");
                    if (href.StartsWith("http", StringComparison.Ordinal) && HtmlEntity.DeEntitize(href) is var url && url != element.InnerText.Trim())
                    {
                        AppendText($" <{url}>");
                    }

                    return;
                case "h1":
                    Block(element);
                    BlankLine();
                    return;
                case "h2" or "h3":
                    BlankLine();
                    Walk(element);
                    var heading = _line.Length;
                    EndLine();
                    _output.Append(_indent).Append('=', heading).Append('\n');
                    return;
                case "li":
                    EndLine();
                    var outer = _indent;
                    _indent = outer + "  ";
                    _bullet = true;
                    Walk(element);
                    EndLine();
                    _indent = outer;
                    return;
                case "dt":
                    EndLine();
                    Walk(element);
                    _space = false;
                    AppendText(":");
                    EndLine();
                    return;
                case "dd":
                    var before = _indent;
                    _indent = before + "  ";
                    Block(element);
                    _indent = before;
                    return;
                case "p" or "ul" or "ol" or "dl" or "table":
                    Block(element);
                    BlankLine();
                    return;
                case "div" or "tr" or "section" or "header" or "footer" or "main" or "figure" or "blockquote":
                    Block(element);
                    return;
                default:
                    Walk(element);
                    return;
            }
        }

        private void Block(HtmlNode element)
        {
            EndLine();
            Walk(element);
            EndLine();
        }

        private void AppendText(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    _space = _line.Length > 0;
                }
                else
                {
                    if (_space)
                    {
                        _line.Append(' ');
                        _space = false;
                    }

                    _line.Append(c);
                }
            }
        }

        private void EndLine()
        {
            _space = false;
            if (_line.Length == 0)
            {
                return;
            }

            _output.Append(_bullet ? _indent[..^2] + "* " : _indent).Append(_line).Append('\n');
            _line.Clear();
            _bullet = false;
        }

        private void BlankLine()
        {
            EndLine();
            if (_output.Length > 0 && !(_output.Length >= 2 && _output[^1] == '\n' && _output[^2] == '\n'))
            {
                _output.Append('\n');
            }
        }
    }
}
