using Ingest.Core.Text;

namespace Ingest.Core.Tests.Text;

public sealed class HtmlTextTests
{
    [Fact]
    public void A_description_nesting_35000_divs_is_read_on_a_small_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 35_000)) + "KFOR patrol" + string.Concat(Enumerable.Repeat("</div>", 35_000));
        string? text = null;

        // A quarter of a thread pool thread's stack: a walk that recursed per element would overflow it many times over.
        var thread = new Thread(() => text = HtmlText.ToPlainText(html), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal("KFOR patrol", text);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_title_of_100000_unclosed_bold_tags_is_read_in_one_pass()
    {
        // Took over two minutes when the title was parsed into a tree; the timeout only guards against a hang.
        var html = string.Concat(Enumerable.Repeat("<b>", 100_000)) + "Zvečan";

        var text = await Task.Run(() => HtmlText.ToPlainText(html));

        Assert.Equal("Zvečan", text);
    }

    [Theory]
    [InlineData("<p>One</p><p>Two &amp; three</p>", "One\nTwo & three")]
    [InlineData("Before<script>if (a < b && c > d) { document.write('<p>x</p>') }</script>after", "Beforeafter")]
    [InlineData("<style>p > b { color: red }</style><b>bold</b>", "bold")]
    [InlineData("a <!-- a comment with <b>tags</b> --> b", "a b")]
    [InlineData("<a title=\"x > y\" href='/z'>link</a> text", "link text")]
    [InlineData("1 < 2 and 3 > 2", "1 < 2 and 3 > 2")]
    [InlineData("<head><title>Page</title><meta charset=utf-8><body>Body text", "Body text")]
    [InlineData("<svg><svg><text>drawn</text></svg></svg>shown", "shown")]
    [InlineData("<embed src=x>after the embed", "after the embed")]
    [InlineData("text<br/>next<br>last", "text\nnext\nlast")]
    [InlineData("open <!-- never closed <p>hidden</p>", "open")]
    [InlineData("<p>unterminated <b class=\"x", "unterminated")]
    [InlineData("<!DOCTYPE html><?xml-stylesheet href=x?><p>KFOR</p>", "KFOR")]
    public void Markup_reads_as_a_browser_shows_its_text(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Theory]
    [InlineData(300, 400, false)]
    [InlineData(401, 400, true)]
    public void Nesting_is_measured_in_one_pass(int depth, int limit, bool exceeds)
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", depth / 2)) + (depth % 2 == 1 ? "<b>" : "") + "x";

        Assert.Equal(exceeds, HtmlNesting.Exceeds(html, limit));
    }

    [Fact]
    public void Paragraphs_and_list_items_left_open_do_not_count_as_nesting()
    {
        var sloppy = "<ul>" + string.Concat(Enumerable.Repeat("<li><a href=/x>item</a>", 5_000)) + "</ul>"
            + string.Concat(Enumerable.Repeat("<p>paragraph <br> <img src=x>", 5_000));

        Assert.False(HtmlNesting.Exceeds(sloppy, 10));
    }
}
