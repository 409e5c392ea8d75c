namespace Ingest.Core.Feeds.Dates;

/// <summary>
/// Month names as feeds of the region write them: English (abbreviated and full), Serbian, Croatian and
/// Bosnian in Latin and Cyrillic script (nominative and genitive, as in "22. novembra 2026"), and Albanian.
/// Keys are lower-case and diacritic-folded so "Nëntor", "nentor" and "NËNTOR" all match.
/// </summary>
internal static class MonthNames
{
    private static readonly Dictionary<string, int> Months = Build();

    public static bool TryGet(string word, out int month) =>
        Months.TryGetValue(Fold(word.TrimEnd('.', ',')), out month);

    internal static string Fold(string word)
    {
        Span<char> buffer = stackalloc char[word.Length];
        var length = 0;
        foreach (var c in word.ToLowerInvariant())
        {
            buffer[length++] = c switch
            {
                'č' or 'ć' => 'c',
                'š' => 's',
                'ž' => 'z',
                'đ' => 'd',
                'ë' => 'e',
                'ç' => 'c',
                _ => c,
            };
        }

        return new string(buffer[..length]);
    }

    private static Dictionary<string, int> Build()
    {
        string[][] byMonth =
        [
            ["jan", "january", "januar", "januara", "sijecanj", "sijecnja", "јануар", "јануара", "janar", "janarit"],
            ["feb", "february", "februar", "februara", "veljaca", "veljace", "фебруар", "фебруара", "shkurt", "shkurtit"],
            ["mar", "march", "mart", "marta", "ozujak", "ozujka", "март", "марта", "mars", "marsit"],
            ["apr", "april", "aprila", "travanj", "travnja", "април", "априла", "prill", "prillit"],
            ["may", "maj", "maja", "svibanj", "svibnja", "мај", "маја", "majit"],
            ["jun", "june", "juni", "juna", "lipanj", "lipnja", "јун", "јуна", "qershor", "qershorit"],
            ["jul", "july", "juli", "jula", "srpanj", "srpnja", "јул", "јула", "korrik", "korrikut"],
            ["aug", "august", "augusta", "avgust", "avgusta", "kolovoz", "kolovoza", "август", "августа", "gusht", "gushtit"],
            ["sep", "sept", "september", "septembar", "septembra", "rujan", "rujna", "септембар", "септембра", "shtator", "shtatorit"],
            ["oct", "october", "oktobar", "oktobra", "listopad", "listopada", "октобар", "октобра", "tetor", "tetorit"],
            ["nov", "november", "novembar", "novembra", "studeni", "studenog", "studenoga", "новембар", "новембра", "nentor", "nentorit"],
            ["dec", "december", "decembar", "decembra", "prosinac", "prosinca", "децембар", "децембра", "dhjetor", "dhjetorit"],
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
