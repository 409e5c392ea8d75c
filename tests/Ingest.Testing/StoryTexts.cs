namespace Ingest.Testing;

/// <summary>Reports written for these tests: one event retold, reprinted and transliterated, and other events beside it.</summary>
public static class StoryTexts
{
    public const string CrossingTitle = "KFOR and Kosovo police reopen the Jarinje crossing after three days";

    public const string Crossing =
        "Soldiers of the NATO-led Kosovo Force and officers of the Kosovo police reopened the Jarinje crossing on Monday " +
        "morning, three days after lorries and tractors blocked the road on both sides of the administrative line. " +
        "A KFOR spokesperson said the troops had removed the last barricade shortly after dawn without incident and " +
        "that traffic was moving again in both directions by nine o'clock. Local officials in Leposavić said the " +
        "drivers who had blocked the road were protesting against new customs rules on goods from central Serbia. " +
        "The mission said patrols near the crossing would continue through the week and that it remained in contact " +
        "with the authorities in Belgrade and Pristina. The European Union's office in Pristina welcomed the reopening " +
        "and called on both sides to settle the customs dispute in the dialogue rather than on the road.";

    /// <summary>The same report under another outlet's headline.</summary>
    public const string CrossingRetitled = "Jarinje open again as Kosovo Force clears the last barricade";

    /// <summary>A wire copy cut to its first half, as short items are.</summary>
    public static string CrossingTrimmed => Crossing[..(Crossing.IndexOf("Local officials", StringComparison.Ordinal) - 1)];

    public const string CrossingSerbianTitle = "KFOR i kosovska policija otvorili prelaz Jarinje posle tri dana";

    public const string CrossingSerbian =
        "Vojnici Kfora i pripadnici kosovske policije otvorili su u ponedeljak ujutru prelaz Jarinje, tri dana pošto su " +
        "kamioni i traktori blokirali put sa obe strane administrativne linije. Portparol Kfora rekao je da su vojnici " +
        "uklonili poslednju barikadu ubrzo posle svitanja bez incidenata i da se saobraćaj do devet časova ponovo odvijao " +
        "u oba smera. Lokalni zvaničnici u Leposaviću kazali su da su vozači protestovali protiv novih carinskih pravila " +
        "za robu iz centralne Srbije. Misija je saopštila da će patrole kod prelaza nastaviti tokom nedelje.";

    public const string VisitTitle = "KFOR commander meets Serbian army chief in Belgrade";

    /// <summary>Another KFOR report with the same names and places (KFOR, Leposavić, Belgrade): the look-alike of another week.</summary>
    public const string Visit =
        "The commander of the Kosovo Force met the chief of the general staff of the Serbian Armed Forces in Belgrade on " +
        "Monday to discuss cooperation along the administrative line. The two generals reviewed the work of the joint " +
        "implementation commission, agreed to keep the military technical agreement's liaison channels open, and " +
        "discussed the security of Serb communities in the north of Kosovo. The KFOR commander said the mission would " +
        "stay impartial and that its troops would keep a visible presence near Zvečan and Leposavić through the winter.";

    public const string HandoverTitle = "KFOR hands its field hospital in Prizren to local doctors";

    /// <summary>Another KFOR event of the same day, elsewhere and with other people: a separate event.</summary>
    public const string Handover =
        "The Kosovo Force handed its field hospital in Prizren to the municipal health service on Monday, after 26 " +
        "years in which KFOR medics treated soldiers and civilians alike. Colonel Marco Bellini of the Italian " +
        "contingent gave the keys to the director of the Prizren hospital, Dr Arjeta Gashi, in front of staff and " +
        "patients. KFOR said the 40 beds, the operating theatre and the ambulances would stay, and that its own " +
        "medics would move to the base at Camp Villaggio Italia.";

    public const string ArmsDealTitle = "Montenegro signs for armoured vehicles from a Turkish maker";

    /// <summary>An event of the same day on the region's security that names other people, places and figures.</summary>
    public const string ArmsDeal =
        "Montenegro's defence ministry signed a contract in Podgorica on Monday for 24 armoured patrol vehicles, the " +
        "largest purchase of its army since it joined the alliance. Minister Dragan Krapović said the first vehicles " +
        "would arrive next spring and the last by the end of 2028, and that the deal was worth about 35 million euros. " +
        "The opposition in the parliament asked why the tender had been closed after only three weeks.";

    /// <summary>Serbian Latin written in Cyrillic, letter for letter, as Serbian outlets publish the same text.</summary>
    public static string ToCyrillic(string latin)
    {
        var pairs = new (string Latin, string Cyrillic)[]
        {
            ("lj", "љ"), ("nj", "њ"), ("dž", "џ"), ("Lj", "Љ"), ("Nj", "Њ"), ("Dž", "Џ"),
        };
        foreach (var (l, c) in pairs)
        {
            latin = latin.Replace(l, c, StringComparison.Ordinal);
        }

        const string from = "abvgdđežzijklmnoprstćufhcčšABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ";
        const string to = "абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ";
        return string.Concat(latin.Select(ch => from.IndexOf(ch) is >= 0 and var i ? to[i] : ch));
    }
}
