using System.Globalization;
using System.Text;

namespace Ingest.Core.Stories;

/// <summary>
/// What the reports of one event have said, as a whole: each <see cref="EventTerms"/> term with its weight and the
/// number of reports that carried it, out of <see cref="Reports"/>. A new report is compared with this, not with one
/// report: a term every report carries is the event's core, a term one report carried is an aside. Bounded to
/// <see cref="MaxTerms"/> terms (the heaviest kept), so an event's row stays small however many reports join.
/// <see cref="Actions"/> counts the reports whose lead named each <see cref="EventActions"/> action.
/// </summary>
public sealed record EventProfile(IReadOnlyDictionary<string, EventProfile.Term> Terms, int Reports, IReadOnlyDictionary<string, int> Actions)
{
    public const int MaxTerms = 60;

    public readonly record struct Term(double Weight, int Count);

    public static EventProfile Empty { get; } = new(new Dictionary<string, Term>(StringComparer.Ordinal), 0, new Dictionary<string, int>(StringComparer.Ordinal));

    public static EventProfile Of(IReadOnlyDictionary<string, double> terms, IEnumerable<string>? actions = null) => Empty.Add(terms, actions);

    /// <summary>
    /// The actions at least half of the event's reports named: what the event is (a report recalling an earlier
    /// meeting in its lead does not make a phone call a meeting).
    /// </summary>
    public IEnumerable<string> MainActions => Actions.Where(a => a.Value * 2 >= Reports).Select(a => a.Key);

    /// <summary>The profile with one more report's terms and actions counted.</summary>
    public EventProfile Add(IReadOnlyDictionary<string, double> report, IEnumerable<string>? actions = null)
    {
        var counted = new Dictionary<string, int>(Actions, StringComparer.Ordinal);
        foreach (var action in actions ?? [])
        {
            counted[action] = counted.GetValueOrDefault(action) + 1;
        }

        var terms = new Dictionary<string, Term>(Terms, StringComparer.Ordinal);
        foreach (var (key, weight) in report)
        {
            var known = terms.GetValueOrDefault(key);
            terms[key] = new Term(Math.Max(weight, known.Weight), known.Count + 1);
        }

        var kept = terms.Count <= MaxTerms
            ? terms
            : terms.OrderByDescending(t => t.Value.Weight * t.Value.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Take(MaxTerms)
                .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return new EventProfile(kept, Reports + 1, counted);
    }

    /// <summary>
    /// How close a report is to the event: the cosine of the report's weighted terms and the event's centroid, where a
    /// term weighs its weight times the share of the event's reports that carry it. 1 for a report saying what every
    /// report said, 0 for one sharing nothing.
    /// </summary>
    public double Similarity(IReadOnlyDictionary<string, double> report, Func<string, double> rarity)
    {
        if (Reports == 0 || report.Count == 0)
        {
            return 0;
        }

        double dot = 0, reportNorm = 0, eventNorm = 0;
        foreach (var (key, weight) in report)
        {
            var rare = rarity(key);
            reportNorm += weight * weight * rare * rare;
            if (Terms.TryGetValue(key, out var term))
            {
                dot += weight * rare * rare * term.Weight * term.Count / Reports;
            }
        }

        foreach (var (key, term) in Terms)
        {
            var centroid = term.Weight * rarity(key) * term.Count / Reports;
            eventNorm += centroid * centroid;
        }

        return dot / Math.Sqrt(reportNorm * eventNorm);
    }

    /// <summary>"reports;term weight count;…;@action count;…" — terms hold no spaces, semicolons or "@".</summary>
    public string Serialize()
    {
        var text = new StringBuilder(Reports.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, term) in Terms.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $";{key} {term.Weight:0.###} {term.Count}");
        }

        foreach (var (action, count) in Actions.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $";@{action} {count}");
        }

        return text.ToString();
    }

    public static EventProfile Parse(string? text)
    {
        var parts = (text ?? "").Split(';');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var reports))
        {
            return Empty;
        }

        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var fields = part.Split(' ');
            if (fields.Length == 2 && fields[0].StartsWith('@') && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var named))
            {
                actions[fields[0][1..]] = named;
            }
            else if (fields.Length == 3
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                terms[fields[0]] = new Term(weight, count);
            }
        }

        return new EventProfile(terms, reports, actions);
    }
}
