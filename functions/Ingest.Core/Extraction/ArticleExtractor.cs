using System.Text;
using HtmlAgilityPack;
using Ingest.Core.Text;

namespace Ingest.Core.Extraction;

/// <summary>
/// Finds an article page's main text, readability-style: page furniture (navigation, asides, footers,
/// share widgets, comments) is dropped, paragraphs score their containers by length and commas, scores
/// are discounted by link density, and the best container with its strong siblings is the article. A page too
/// deep to parse or too slow to score is read as plain text instead (<see cref="ExtractionLimits"/>).
/// </summary>
public static class ArticleExtractor
{
    private const int MinParagraphLength = 25;

    private static readonly string[] Furniture =
        ["script", "style", "noscript", "template", "nav", "aside", "footer", "form", "iframe", "svg", "button", "select", "input", "figure"];

    public static ExtractedArticle Extract(string html, Uri? pageUri = null, ExtractionLimits? limits = null)
    {
        limits ??= ExtractionLimits.Default;
        if (HtmlNesting.Exceeds(html, limits.MaxDepth))
        {
            return PlainPage(html, $"the page nests elements more than {limits.MaxDepth} deep; read as plain text");
        }

        var document = new HtmlDocument { OptionFixNestedTags = true };
        document.LoadHtml(html);

        var metadata = (
            Title: ArticleMetadata.Title(document),
            Canonical: ArticleMetadata.CanonicalUrl(document, pageUri),
            Published: ArticleMetadata.PublishedAt(document),
            Language: ArticleMetadata.Language(document));

        var budget = new WorkBudget(limits.TimeBudget);
        try
        {
            RemoveFurniture(document, budget);
            var body = document.DocumentNode.SelectSingleNode("//body") ?? document.DocumentNode;
            var text = ContentNodes(body, budget) is { Count: > 0 } content
                ? string.Join('\n', content.Select(node => MainText(node, metadata.Title)).Where(t => t.Length > 0))
                : PlainText(body);
            return new ExtractedArticle(metadata.Title, text, metadata.Canonical, metadata.Published, metadata.Language);
        }
        catch (WorkBudget.ExceededException)
        {
            return PlainPage(html, $"reading the page took more than {limits.TimeBudget.TotalSeconds:0.#} s; read as plain text") with
            {
                Title = metadata.Title,
                CanonicalUrl = metadata.Canonical,
                PublishedAt = metadata.Published,
                Language = metadata.Language,
            };
        }
    }

    private static ExtractedArticle PlainPage(string html, string warning) =>
        new(null, HtmlText.ToPlainText(html) ?? "", null, null, null, [warning]);

    private static void RemoveFurniture(HtmlDocument document, WorkBudget budget)
    {
        var doomed = document.DocumentNode.Descendants()
            .Where(n => budget.Check() && (n.NodeType == HtmlNodeType.Comment
                || (n.NodeType == HtmlNodeType.Element && (Furniture.Contains(n.Name) || IsUnlikely(n)))))
            .ToList();
        foreach (var node in doomed)
        {
            node.Remove();
        }
    }

    /// <summary>Class and id names that mark widgets, not text; "article" or "content" in the same name keeps the node.</summary>
    private static bool IsUnlikely(HtmlNode node)
    {
        if (node.Name is "body" or "html" or "article" or "main")
        {
            return false;
        }

        var names = node.GetAttributeValue("class", "") + " " + node.GetAttributeValue("id", "") + " " + node.GetAttributeValue("role", "");
        return ClassNames.IsUnlikely(names) && !ClassNames.IsLikely(names);
    }

    /// <summary>The best-scoring container, with those of its siblings that score near it (articles split across blocks).</summary>
    private static List<HtmlNode> ContentNodes(HtmlNode body, WorkBudget budget)
    {
        var scores = new Dictionary<HtmlNode, double>();
        foreach (var paragraph in body.Descendants().Where(n => n.Name is "p" or "pre" or "td" or "blockquote" or "li"))
        {
            budget.Check();
            var text = PlainText(paragraph);
            if (text.Length < MinParagraphLength)
            {
                continue;
            }

            var score = 1 + text.Count(c => c is ',' or '،' or '，') + Math.Min(text.Length / 100, 3);
            AddScore(scores, paragraph.ParentNode, score);
            if (paragraph.ParentNode?.ParentNode is { } grandparent)
            {
                AddScore(scores, grandparent, score / 2.0);
            }
        }

        var adjusted = scores.ToDictionary(kv => kv.Key, kv => budget.Check() ? kv.Value * (1 - LinkDensity(kv.Key)) : 0);
        if (adjusted.Count == 0)
        {
            return [];
        }

        var best = adjusted.MaxBy(kv => kv.Value);
        if (best.Key.ParentNode is not { } parent)
        {
            return [best.Key];
        }

        var threshold = Math.Max(10, best.Value * 0.2);
        return parent.ChildNodes
            .Where(sibling => sibling == best.Key
                || (adjusted.TryGetValue(sibling, out var score) && score >= threshold)
                || (sibling.Name == "p" && PlainText(sibling).Length > 80 && LinkDensity(sibling) < 0.25))
            .ToList();
    }

    private static void AddScore(Dictionary<HtmlNode, double> scores, HtmlNode? node, double score)
    {
        if (node is null || node.NodeType != HtmlNodeType.Element)
        {
            return;
        }

        if (!scores.TryGetValue(node, out var current))
        {
            current = InitialScore(node);
        }

        scores[node] = current + score;
    }

    private static double InitialScore(HtmlNode node)
    {
        var score = node.Name switch
        {
            "article" or "main" => 10,
            "div" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "ol" or "ul" or "dl" or "form" or "li" => -3,
            "h1" or "h2" or "h3" or "h4" or "th" => -5,
            _ => 0,
        };
        var names = node.GetAttributeValue("class", "") + " " + node.GetAttributeValue("id", "");
        if (ClassNames.IsLikely(names))
        {
            score += 25;
        }

        if (ClassNames.IsUnlikely(names))
        {
            score -= 25;
        }

        return score;
    }

    private static double LinkDensity(HtmlNode node)
    {
        var total = PlainText(node).Length;
        if (total == 0)
        {
            return 1;
        }

        var linked = node.Descendants("a").Sum(a => PlainText(a).Length);
        return Math.Min(1, (double)linked / total);
    }

    /// <summary>
    /// The container's text, headings and paragraphs on their own lines. Link lists are left out, and so is a
    /// heading that repeats the title: the title is matched on its own, and counting it twice would skew scores.
    /// </summary>
    private static string MainText(HtmlNode container, string? title)
    {
        if (container.Name == "p")
        {
            return PlainText(container);
        }

        var lines = new StringBuilder();
        foreach (var child in container.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Element && child.Name is "ul" or "ol" && LinkDensity(child) > 0.5)
            {
                continue;
            }

            var text = PlainText(child);
            if (child.Name is "h1" or "h2" && string.Equals(text, title, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (text.Length > 0)
            {
                lines.Append(text).Append('\n');
            }
        }

        return lines.ToString().TrimEnd();
    }

    private static string PlainText(HtmlNode node)
    {
        var text = new StringBuilder();
        HtmlText.Append(node, text);
        return HtmlText.NormalizeWhitespace(text.ToString());
    }
}
