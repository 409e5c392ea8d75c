using Ingest.Core.Topics;

namespace Ingest.Core.Stories;

/// <summary>
/// The names of the region's people, capitals, places and institutions in the forms folding cannot join: English,
/// the South Slavic languages, Albanian, Macedonian, Russian and the large Western languages spell them apart
/// ("Belgrade", "Beograd", "Beogradi", "Белград"). Each group's variants become one term. The table names what a
/// report of the region names; it is not a list of events.
/// </summary>
public static class NameAliases
{
    /// <summary>
    /// One group a line: the variants of one name, as written. Each variant is folded and cut to
    /// <see cref="EventTerms.StemLength"/> letters; the first variant's stem is the group's term.
    /// </summary>
    private static readonly string[] Groups =
    [
        // Capitals and cities.
        "Beograd Belgrade Beogradi Белград Belgrad Belgrado",
        "Priština Pristina Prishtina Prishtinë Prishtinës Приштина Prisztina",
        "Sarajevo Sarajeva Сараево Sarajevë",
        "Skopje Skopja Shkup Shkupi Скопье Üsküp",
        "Podgorica Podgoricë Подгорица",
        "Zagreb Zagrebi Загреб Zagabria",
        "Tirana Tiranë Tiranës Тирана",
        "Moskva Moscow Moskau Moscou Mosca Moskë Москва",
        "Brisel Brussels Brüssel Bruxelles Bruksel Bruselj Bruxelas Брюссель",
        "Vašington Washington Uashington Вашингтон",
        "Peking Beijing Pekin Pekini Pekino Пекин",
        "Banjaluka Бањалука",
        "Mitrovica Mitrovicë Mitrovicës Митровица",
        "Soči Sochi Sotschi Sotchi Сочи",
        "Kijev Kyiv Kiev Kiew Kijiv Киев Київ",
        "Pariz Paris Париж Parigi",
        "Ankara Анкара",

        // Countries and peoples whose names fold apart.
        "Srbija Serbia Serbien Serbie Serbija Serbisë Serbinë Сербия Sérvia Sırbistan",
        "Kosovo Kosova Kosovës Kosovë Косово Kosowo",
        "Hrvatska Croatia Kroatien Croatie Kroacia Kroacisë Хорватия Hrvaška Hrvaški Croazia Hırvatistan",
        "Montenegro Черногория Crnogorska",
        "Makedonija Macedonia Mazedonien Macédoine Maqedonia Maqedonisë Македония Македонија",
        "Albanija Albania Albanien Albanie Shqipëri Shqipëria Shqipërisë Албания",
        "Rusija Russia Russland Russie Rusia Rusisë Россия Русија Rusko",
        "Kina China Chine Kinë Kinës Китай Кина Cina Çin",
        "Amerika America Amerikë SAD USA Америка США",
        "Nemačka Germany Deutschland Allemagne Gjermani Германия Njemačka",
        "Francuska France Frankreich Francia Francë Франция Francija",
        "Turska Turkey Türkei Turquie Turqi Турция Türkiye",
        "Ukrajina Ukraine Ukraina Ukrainë Украина Україна",
        "Bosna Bosnia Bosnien Bosnie Bosnjë Босния",
        "Hercegovina Herzegovina Herzegowina Hercegovinë Герцеговина",
        "Srbi Serbs Serben Serbes Serbët Сербы",
        "Albanci Albanians Albaner Albanais Shqiptarët Албанцы",
        "Evropa Europe Europa Europë Европа Európa",

        // Alliances and missions, with their names in other languages.
        "NATO OTAN НАТО",
        "EU BE ЕС ЕУ UE",
        "KFOR КФОР",
        "EULEX ЕУЛЕКС",
        "EUFOR ЕУФОР",
        "UN OUN ONU OKB ООН UNO",
        "UNMIK УНМИК",
        "OSCE OEBS OSZE OSBE ОБСЕ ОЕБС",
        "Kremlj Kremlin Kreml Kremlini Кремль",

        // The region's leaders and the foreign ones who deal with it, as each language writes them.
        "Vučić Vucic Vuçiq Вучиќ Вучич Vučič Vutschitsch Vuchich",
        "Putin Poutine Путин",
        "Kurti Курти",
        "Tači Thaçi Thaci Тачи",
        "Rama Рама",
        "Dodik Додик",
        "Šmit Schmidt Шмит Shmit Шмидт",
        "Stoltenberg Столтенберг Stoltenbergu",
        "Rute Rutte Руте Рютте",
        "Borel Borrell Борель Борел",
        "Lajčak Lajčák Lajcak Лайчак Лајчак",
        "Lavrov Лавров",
        "Peskov Песков",
        "Đinping Jinping Цзиньпин Jinpingu Ђинпинг",
        "Makron Macron Макрон",
        "Plenković Plenkovic Пленкович Пленковић",
        "Milanović Milanovic Миланович",
        "Đukanović Djukanovic Gjukanoviq Джуканович",
        "Pendarovski Пендаровски",
        "Zaev Заев Zaevi",
        "Brnabić Brnabic Bërnabiq Брнабич",
        "Dačić Dacic Daçiq Дачич",
        "Osmani Османи",
        "Izetbegović Izetbegovic Изетбегович",
        "Tramp Trump Трамп",
        "Bajden Biden Байден",
        "Erdogan Erdoğan Ердоган Эрдоган",
        "Šolc Scholz Шольц",
    ];

    /// <summary>
    /// Terms nearly every report of the region carries: they join reports of every event, so they count for little.
    /// Named by the first variant of their group.
    /// </summary>
    private static readonly string[] CommonNames =
    [
        "Srbija", "Kosovo", "Beograd", "Priština", "Bosna", "Hercegovina", "Hrvatska", "Montenegro", "Makedonija",
        "Albanija", "Rusija", "Amerika", "Evropa", "NATO", "EU", "UN", "Srbi", "Albanci", "Kina",
    ];

    /// <summary>
    /// Capitalised words that name no event: days, months, titles and offices, news agencies and media words. A report
    /// capitalises them in every language; they are dropped.
    /// </summary>
    private static readonly string[] NotNames =
    [
        // Days and months, as the region and its neighbours write them.
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August",
        "September October November December Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
        "ponedeljak ponedjeljak utorak sreda srijeda četvrtak petak subota nedelja nedjelja januar februar mart april maj",
        "jun juli jul avgust august septembar rujan oktobar listopad novembar studeni decembar prosinac siječanj veljača",
        "ožujak travanj svibanj lipanj srpanj kolovoz понедельник вторник среда четверг пятница суббота воскресенье",
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
        "janar shkurt prill qershor korrik gusht shtator tetor nëntor dhjetor lundi mardi mercredi jeudi vendredi samedi",
        "dimanche janvier février mars avril juin juillet août septembre octobre novembre décembre",

        // Titles and offices: every report names someone by one.
        "President Predsednik Predsjednik Président Presidente Presidenti Präsident Президент Председник Premijer Premier",
        "Prime Minister Ministar Ministry Ministarstvo Министр Министар Secretary General Generalni Sekretar Generalsekretär",
        "High Representative Visoki Predstavnik Chancellor Kancelar Foreign Affairs Spoljnih Vanjskih Poslova Defence Defense",
        "Chief Head Spokesman Spokesperson Portparol Glasnogovornik Ambassador Ambasador Council Savet Vijeće Vlada",
        "Government Parliament Skupština Sabor Assembly Office Department Commission Komisija Union Unija",
        "Mr Mrs Ms Dr Sir Force Forces Armed Army Vojska Police Policija Mission Misija Staff Štab Agency",

        // News agencies, media and page words that credit a report rather than say what happened.
        "AFP AP Reuters Tanjug Hina Fonet Beta Srna Anadolu Sputnik TASS ТАСС RIA РИА Novosti Новости Interfax",
        "RTS RTRS N1 B92 BBC CNN RFE RL RSE KoSSev Twitter Facebook Instagram YouTube Telegram Video Foto",
        "Photo GMT UTC CET CEST Update Live Watch Read Citaj Čitaj Pročitajte Procitajte Also See",
    ];

    private static readonly HashSet<string> Dropped = [.. NotNames.SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(Fold).Select(Stem)];

    /// <summary>Case endings of the South Slavic languages and Russian that a name takes, longest first.</summary>
    private static readonly string[] CaseEndings = ["om", "em", "ov", "ju", "ja", "a", "u", "e", "i", "y"];

    // Built after the tables above: static fields initialise in order.
    private static readonly Dictionary<string, string> Canonicals = Build();

    private static readonly HashSet<string> Common = [.. CommonNames.Select(name => Canonical(Fold(name)) ?? Fold(name))];

    /// <summary>
    /// The group term of a folded word or stem, or null when it is in no group. A short name takes case endings past
    /// the stem ("Kfora", "Ramom"), so a word of up to six letters is also looked up without its ending.
    /// </summary>
    public static string? Canonical(string folded)
    {
        if (Canonicals.GetValueOrDefault(folded) is { } term)
        {
            return term;
        }

        if (folded.Length <= EventTerms.StemLength + 1)
        {
            foreach (var ending in CaseEndings)
            {
                if (folded.Length - ending.Length >= 3 && folded.EndsWith(ending, StringComparison.Ordinal)
                    && Canonicals.GetValueOrDefault(folded[..^ending.Length]) is { } stripped)
                {
                    return stripped;
                }
            }
        }

        return null;
    }

    public static bool IsCommon(string term) => Common.Contains(term);

    /// <summary>True for the stem of a capitalised word that names nothing (a weekday, a title, an agency).</summary>
    public static bool NamesNothing(string stem) => Dropped.Contains(stem);

    private static Dictionary<string, string> Build()
    {
        var canonicals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var variants = group.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Fold).ToList();
            var term = Stem(variants[0]);
            foreach (var variant in variants)
            {
                canonicals.TryAdd(variant, term);
                canonicals.TryAdd(Stem(variant), term);
            }
        }

        return canonicals;
    }

    private static string Fold(string name) => string.Concat(TextNormalizer.Tokenize(name).Select(t => t.Text));

    private static string Stem(string folded) => EventTerms.Cut(folded);
}
