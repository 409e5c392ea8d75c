namespace Ingest.Benchmarks;

/// <summary>News-sized articles (about 5 KB) in English and Serbian, written for the benchmarks, and a set of articles from the project's labelled reports.</summary>
internal static class NewsText
{
    private const string English =
        "Defence officials in Belgrade said on Tuesday that the new air defence battery would be ready by spring. " +
        "The announcement came as KFOR increased patrols in northern Kosovo after another night of roadblocks near Zvečan. " +
        "Analysts noted that Serbia keeps its military neutrality while cooperating with NATO through the Partnership for Peace. " +
        "Meanwhile in Sarajevo, the High Representative warned that secessionist laws threaten the Dayton Peace Agreement. " +
        "Opposition lawmakers asked how much the government spent on drones and missiles bought abroad last year. ";

    private const string Serbian =
        "Ministarstvo odbrane saopštilo je u utorak da će nova baterija protivvazdušne odbrane biti spremna do proleća. " +
        "Vest je stigla dok je KFOR pojačao patrole na severu Kosova posle nove noći barikada kod Zvečana. " +
        "Analitičari ističu da Srbija čuva vojnu neutralnost, a sa NATO sarađuje kroz Partnerstvo za mir. " +
        "Војска Србије је преузела нове беспилотне летелице, а министар је најавио даље набавке наоружања. " +
        "Опозиција је питала колико је влада потрошила на дронове и ракете купљене у иностранству прошле године. ";

    public static string Article(string language)
    {
        var paragraph = language == "sr" ? Serbian : English;
        return string.Concat(Enumerable.Repeat(paragraph, 5200 / paragraph.Length + 1));
    }

    /// <summary>Letters an article of the set reaches before the next begins: the length of a news story.</summary>
    private const int SetArticleLength = 4000;

    /// <summary>
    /// The topic model's labelled reports (the development and held-out sets the tests use, written for the project),
    /// one after another into articles of about <see cref="SetArticleLength"/> characters: neighbours are mostly on one
    /// topic, so the articles mix paragraphs that match with paragraphs that do not, as a news story does.
    /// </summary>
    public static IReadOnlyList<string> Set(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "tests", "Ingest.Core.Tests", "Fixtures", "Topics");
        var articles = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in new[] { "devset.jsonl", "heldout.jsonl" }.SelectMany(name => File.ReadLines(Path.Combine(folder, name))))
        {
            using var report = System.Text.Json.JsonDocument.Parse(line);
            current.Append(report.RootElement.GetProperty("title").GetString()).Append(".\n").Append(report.RootElement.GetProperty("text").GetString()).Append("\n\n");
            if (current.Length >= SetArticleLength)
            {
                articles.Add(current.ToString());
                current.Clear();
            }
        }

        return articles;
    }
}
