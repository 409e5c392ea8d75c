using Ingest.Core.Topics;

namespace Ingest.Core.Stories;

/// <summary>
/// What happened, as a report's headline and lead say it: a call, a meeting or visit, a signature, an arrival, an
/// imposed decision, an accession, a police operation, an arrest, a protest, an election, a flag raised, an agreement,
/// an interview. Names tell who; these tell the same two presidents' phone call from their meeting, and an aircraft
/// contract from the aircraft landing, in any of the region's languages. Each action is written as the folded
/// beginnings of its words (<see cref="TextNormalizer"/> has already joined the scripts and dropped the diacritics),
/// in English, the South Slavic languages, Albanian, Macedonian, Russian and the large Western languages; "=" marks a
/// whole word.
/// </summary>
public static class EventActions
{
    /// <summary>Words of the text read after the headline: the lead says what happened; later paragraphs recall what happened before.</summary>
    public const int LeadWords = 50;

    private static readonly (string Action, string[] Beginnings)[] Table =
    [
        ("call", ["phone", "telefon", "telephon"]),
        ("meet", ["meet", "=met", "sastan", "sastal", "sastao", "susret", "vstrec", "takim", "takoh", "incontr", "rencontr", "treffen", "getroffen", "srecanj", "visit", "posjet", "poset", "vizit", "gostuj"]),
        ("sign", ["=sign", "=signs", "signed", "signing", "signat", "=signe", "potpis", "podpis", "nenshkr", "unterzeichn", "unterschr"]),
        ("arrive", ["landed", "landing", "sletj", "slete", "prizeml", "arriv", "stigl", "stigao", "mberrit", "atterr", "gelandet", "eintreff"]),
        ("impose", ["impos", "namet", "imponi", "verhang", "auferleg"]),
        ("join", ["member", "=clan", "clanic", "clanst", "=clen", "clenom", "clenstv", "anetar", "mitglied", "adhes", "accession", "pristup", "pristap", "=joins", "=joined"]),
        ("raid", ["raid", "akcij", "operac", "razzia", "aksion"]),
        ("arrest", ["arrest", "uhaps", "privod", "festgenom", "verhaft", "pritvor", "detain", "detention", "detenc", "detid", "pridrz"]),
        ("protest", ["barric", "barikad", "protest", "blokad", "blokir", "blockad", "blocked", "blocking"]),
        ("elect", ["election", "elector", "elected", "izbor", "zgjedh", "wahl", "vybor"]),
        ("flag", ["flag", "zastav", "flamur", "drapeau", "flagge", "bandier", "steag"]),
        ("agree", ["agree", "=deal", "sporazum", "dogovor", "=accord", "accords", "accordo", "marrevesh", "abkommen", "vereinbar", "ugovor", "contract", "kontrakt", "contrat", "vertrag"]),
        ("interview", ["interview", "intervju", "intervy", "intervist"]),
    ];

    /// <summary>The actions a report's headline and the first <see cref="LeadWords"/> words of its text name.</summary>
    public static IReadOnlySet<string> Of(string title, string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in TextNormalizer.Tokenize(title).Concat(TextNormalizer.Tokenize(text).Take(LeadWords)))
        {
            foreach (var (action, beginnings) in Table)
            {
                if (!found.Contains(action) && Names(token.Letters, beginnings))
                {
                    found.Add(action);
                }
            }
        }

        return found;
    }

    private static bool Names(ReadOnlySpan<char> word, string[] beginnings)
    {
        foreach (var beginning in beginnings)
        {
            if (beginning[0] == '=' ? word.SequenceEqual(beginning.AsSpan(1)) : word.StartsWith(beginning, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
