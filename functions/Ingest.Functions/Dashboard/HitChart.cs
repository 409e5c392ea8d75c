using System.Globalization;
using System.Net;
using System.Text;

namespace Ingest.Functions.Dashboard;

/// <summary>
/// A topic's hits per day as an inline SVG bar chart, drawn on the server: no chart library, no script, and a
/// <c>title</c> per bar so every number can be read by hovering or by a screen reader.
/// </summary>
public static class HitChart
{
    private const int BarWidth = 14;
    private const int Gap = 4;
    private const int Left = 28;
    private const int Top = 8;
    private const int PlotHeight = 80;
    private const int Bottom = 20;

    public static string Svg(string topicTitle, IReadOnlyList<(DateOnly Day, int Hits)> days)
    {
        var max = Math.Max(1, days.Max(d => d.Hits));
        var width = Left + (days.Count * (BarWidth + Gap));
        var height = Top + PlotHeight + Bottom;
        var svg = new StringBuilder();
        var label = $"{topicTitle}: {days.Sum(d => d.Hits)} hits in {days.Count} days";
        svg.Append(CultureInfo.InvariantCulture, $"""<svg viewBox="0 0 {width} {height}" role="img" aria-label="{WebUtility.HtmlEncode(label)}" xmlns="http://www.w3.org/2000/svg">""")
            .Append(CultureInfo.InvariantCulture, $"""<line x1="{Left - 2}" y1="{Top + PlotHeight}" x2="{width}" y2="{Top + PlotHeight}" stroke="#d1d9e0"/>""")
            .Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{Top + 8}" font-size="10" text-anchor="end" fill="#59636e">{max}</text>""")
            .Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{Top + PlotHeight}" font-size="10" text-anchor="end" fill="#59636e">0</text>""");
        for (var i = 0; i < days.Count; i++)
        {
            var (day, hits) = days[i];
            var barHeight = hits == 0 ? 0 : Math.Max(2, (int)Math.Round(PlotHeight * (double)hits / max));
            var x = Left + (i * (BarWidth + Gap));
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="bar" data-day="{day:yyyy-MM-dd}" data-hits="{hits}" x="{x}" y="{Top + PlotHeight - barHeight}" width="{BarWidth}" height="{barHeight}" fill="#1a5fb4">""")
                .Append(CultureInfo.InvariantCulture, $"<title>{day:d MMM}: {hits} {(hits == 1 ? "hit" : "hits")}</title></rect>");
        }

        // The first and last day under the axis are enough to read the dates of the rest.
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{height - 4}" font-size="10" fill="#59636e">{days[0].Day:d MMM}</text>""")
            .Append(CultureInfo.InvariantCulture, $"""<text x="{width}" y="{height - 4}" font-size="10" text-anchor="end" fill="#59636e">{days[^1].Day:d MMM}</text>""")
            .Append("</svg>");
        return svg.ToString();
    }
}
