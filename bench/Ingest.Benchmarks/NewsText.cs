namespace Ingest.Benchmarks;

/// <summary>News-sized articles (about 5 KB) in English and Serbian, written for the benchmarks.</summary>
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
}
