using System.Globalization;
using System.Text;

namespace Ingest.Core.Feeds.Dates;

/// <summary>
/// Month names as feeds of the region and its neighbours write them: English (abbreviated and full), Serbian,
/// Croatian and Bosnian in Latin and Cyrillic script (nominative and genitive, as in "22. novembra 2026"),
/// Albanian, Macedonian, Bulgarian, Slovenian, Greek, Hungarian and Turkish. Keys are lower-case and
/// diacritic-folded so "Nëntor", "nentor" and "NËNTOR" all match.
/// </summary>
internal static class MonthNames
{
    private static readonly Dictionary<string, int> Months = Build();

    public static bool TryGet(string word, out int month) =>
        Months.TryGetValue(Fold(word.TrimEnd('.', ',')), out month);

    /// <summary>Lower case without diacritics ("Nëntor" → "nentor", "Ιουλίου" → "ιουλιου"), đ as d and a final sigma as σ.</summary>
    internal static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c switch
                {
                    'đ' => 'd',
                    'ı' => 'i',
                    'ς' => 'σ',
                    _ => c,
                });
            }
        }

        return folded.ToString();
    }

    private static Dictionary<string, int> Build()
    {
        // Per month: English; Serbian, Croatian and Bosnian (Latin and Cyrillic, nominative and genitive); Albanian;
        // then Macedonian, Bulgarian, Slovenian, Greek (nominative, genitive, abbreviation), Hungarian and Turkish.
        string[][] byMonth =
        [
            ["jan", "january", "januar", "januara", "sijecanj", "sijecnja", "јануар", "јануара", "janar", "janarit",
                "јануари", "януари", "ιανουαριος", "ιανουαριου", "ιαν", "ocak"],
            ["feb", "february", "februar", "februara", "veljaca", "veljace", "фебруар", "фебруара", "shkurt", "shkurtit",
                "февруари", "φεβρουαριος", "φεβρουαριου", "φεβ", "subat"],
            ["mar", "march", "mart", "marta", "ozujak", "ozujka", "март", "марта", "mars", "marsit",
                "marec", "μαρτιος", "μαρτιου", "μαρ", "marcius"],
            ["apr", "april", "aprila", "travanj", "travnja", "април", "априла", "prill", "prillit",
                "απριλιος", "απριλιου", "απρ", "aprilis", "nisan"],
            ["may", "maj", "maja", "svibanj", "svibnja", "мај", "маја", "majit",
                "май", "μαιος", "μαιου", "μαι", "majus", "mayis"],
            ["jun", "june", "juni", "juna", "lipanj", "lipnja", "јун", "јуна", "qershor", "qershorit",
                "јуни", "юни", "junij", "ιουνιος", "ιουνιου", "ιουν", "junius", "haziran"],
            ["jul", "july", "juli", "jula", "srpanj", "srpnja", "јул", "јула", "korrik", "korrikut",
                "јули", "юли", "julij", "ιουλιος", "ιουλιου", "ιουλ", "julius", "temmuz"],
            ["aug", "august", "augusta", "avgust", "avgusta", "kolovoz", "kolovoza", "август", "августа", "gusht", "gushtit",
                "αυγουστος", "αυγουστου", "αυγ", "augusztus", "agustos"],
            ["sep", "sept", "september", "septembar", "septembra", "rujan", "rujna", "септембар", "септембра", "shtator", "shtatorit",
                "септември", "σεπτεμβριος", "σεπτεμβριου", "σεπ", "szeptember", "eylul"],
            ["oct", "october", "oktobar", "oktobra", "listopad", "listopada", "октобар", "октобра", "tetor", "tetorit",
                "октомври", "oktober", "οκτωβριος", "οκτωβριου", "οκτ", "ekim"],
            ["nov", "november", "novembar", "novembra", "studeni", "studenog", "studenoga", "новембар", "новембра", "nentor", "nentorit",
                "ноември", "νοεμβριος", "νοεμβριου", "νοε", "kasim"],
            ["dec", "december", "decembar", "decembra", "prosinac", "prosinca", "децембар", "децембра", "dhjetor", "dhjetorit",
                "декември", "δεκεμβριος", "δεκεμβριου", "δεκ", "aralik"],
        ];

        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < byMonth.Length; i++)
        {
            foreach (var name in byMonth[i])
            {
                months[Fold(name)] = i + 1;
            }
        }

        return months;
    }
}
