namespace Ingest.Core.Stories;

/// <summary>
/// Decides whether a report belongs to a live story, and what it is looked up by. A copy (MinHash, see
/// <see cref="StorySignature"/>) belongs always; any other report belongs to the event whose profile it is closest to
/// once that closeness — rare terms weighed above common ones, and lowered the further the report stands in time from
/// the event's last report — reaches <see cref="Threshold"/>. The figures were chosen on real reports of real events;
/// docs/stories.md says how.
/// </summary>
public sealed class EventMatch
{
    /// <summary>How far a report can stand from an event's reports and still join it; the event's last report moves it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>Closeness, after the time discount, at which a report joins an event.</summary>
    public const double Threshold = 0.12;

    /// <summary>Hours over which the closeness a report needs grows by e (a report a day and a half later needs 2.7 times as much).</summary>
    public const double DecayHours = 36;

    /// <summary>How many of a report's names and numbers it is looked up by: the first it gives, for its lead says what happened.</summary>
    public const int AnchorCount = 8;

    /// <summary>Names and numbers a report must share with an event to join it: one name alone is a topic, not an event.</summary>
    public const int MinSharedNames = 2;

    /// <summary>
    /// What closeness is kept when the report's lead names actions and none is what the event is (a phone call beside a
    /// meeting of the same two people): enough for a report that shares nearly everything to join, too little for one
    /// that shares the names alone.
    /// </summary>
    public const double OtherAction = 0.25;

    /// <summary>How many live events holding a term make it half as telling as a term one event holds.</summary>
    private const double Rarity = 20;

    private readonly Dictionary<string, int> _holders;

    public EventMatch(StoryReport report)
    {
        Report = report;
        Signature = StorySignature.Of(report.Title, report.Text);
        // The topics a report matched are not among its terms: every report of a topic shares them, so on real reports
        // they joined events of one topic more than they joined reports of one event.
        var terms = EventTerms.Of(report.Title, report.Text);
        Terms = terms;
        Actions = EventActions.Of(report.Title, report.Text);

        // The terms in the order the text gives them (a dictionary that nothing was removed from keeps it).
        Anchors = terms.Where(t => t.Value >= EventTerms.NameWeight)
            .Take(AnchorCount)
            .Select(t => $"t-{t.Key}")
            .ToList();
        Keys = [.. Signature.BandKeys(), .. Anchors];
        _holders = new Dictionary<string, int>(StringComparer.Ordinal);
    }

    public StoryReport Report { get; }

    public StorySignature Signature { get; }

    public IReadOnlyDictionary<string, double> Terms { get; }

    /// <summary>What the report's headline and lead say happened (<see cref="EventActions"/>).</summary>
    public IReadOnlySet<string> Actions { get; }

    /// <summary>The report's term keys (<c>t-</c> and a term).</summary>
    public IReadOnlyList<string> Anchors { get; }

    /// <summary>Every key the report is looked up and filed by: its copy bands, then its anchors.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Counts, for each term, the live events found that hold it: a term many of them hold tells little.</summary>
    public void Learn(IEnumerable<StoryKey> keys, IEnumerable<Story> candidates)
    {
        foreach (var key in keys.Where(k => k.Key.StartsWith("t-", StringComparison.Ordinal)))
        {
            _holders[key.Key[2..]] = key.Stories.Count;
        }

        foreach (var term in candidates.SelectMany(c => c.Profile.Terms.Keys).GroupBy(t => t, StringComparer.Ordinal))
        {
            _holders[term.Key] = Math.Max(_holders.GetValueOrDefault(term.Key), term.Count());
        }
    }

    public bool IsLive(Story story) => Report.At <= story.LastSeen + Window && Report.At >= story.FirstSeen - Window;

    /// <summary>How strongly the report belongs to a live story: +∞ for a copy, otherwise its discounted closeness.</summary>
    public double Closeness(Story story)
    {
        if (story.IsCopiedBy(Signature))
        {
            return double.PositiveInfinity;
        }

        if (Terms.Count(t => t.Value >= EventTerms.NameWeight && story.Profile.Terms.ContainsKey(t.Key)) < MinSharedNames)
        {
            return 0;
        }

        var gap = Report.At > story.LastSeen ? Report.At - story.LastSeen : Report.At < story.FirstSeen ? story.FirstSeen - Report.At : TimeSpan.Zero;
        var main = story.Profile.MainActions.ToList();
        var action = Actions.Count > 0 && main.Count > 0 && !main.Any(Actions.Contains) ? OtherAction : 1;
        return action * story.Profile.Similarity(Terms, Weight) * Math.Exp(-gap.TotalHours / DecayHours);
    }

    private double Weight(string term) => Math.Log(1 + (Rarity / (1 + _holders.GetValueOrDefault(term))));
}
