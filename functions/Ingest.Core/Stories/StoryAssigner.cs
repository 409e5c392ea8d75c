namespace Ingest.Core.Stories;

/// <summary>
/// Files each new report under the story of its event: a live story it is a copy of or close enough to (see
/// <see cref="EventMatch"/>), or a new one. Idempotent (a retried poll finds the story its report is already in) and
/// safe under concurrent polls: a new story is first written into every key it is found by — its copy bands and its
/// names and numbers — in one all-or-nothing write against the keys as read, so of two reports of one event arriving
/// at once, one founds the story and the other, finding a key changed, looks again and joins it. The cost per report
/// is bounded: the keys are read in a few queries and at most <see cref="MaxCandidates"/> stories are read.
/// </summary>
public sealed class StoryAssigner(IStoryStore store, TimeProvider timeProvider)
{
    /// <summary>
    /// The stories this process filed reports under lately, with their rows' versions, by their band keys: a copy of
    /// one joins it with one conditional write and no lookup, and a copy of one that stopped counting
    /// (<see cref="Story.MaxMembers"/>) with no storage call at all. Safe to be stale: a write against an old version
    /// loses and the row is read again, and a copy the memory does not settle goes the whole way. Bounded: emptied
    /// when it grows past <see cref="RecentKeysKept"/> keys.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Story> _recent = new(StringComparer.Ordinal);

    private const int RecentKeysKept = 20_000;

    /// <summary>Stories read per report at most, those sharing the most keys with it first.</summary>
    public const int MaxCandidates = 12;

    /// <summary>A key of a story not stored yet is being founded right now, unless it is this old.</summary>
    private static readonly TimeSpan Founding = TimeSpan.FromSeconds(30);

    /// <summary>A story's place in a key is given up after this long: no event runs on the same reports for weeks.</summary>
    private static readonly TimeSpan KeyLife = TimeSpan.FromDays(7);

    private const int Attempts = 16;

    /// <summary>Reports past this many leave the story's keys as they are.</summary>
    private const int KeyClaimingMembers = 8;

    private readonly StoryLanes _lanes = new();

    private readonly StoryJoins _joins = new(store);

    public async Task<StoryAssignment> AssignAsync(StoryReport report, CancellationToken cancellationToken)
    {
        var match = new EventMatch(report);
        return await _lanes.RunAsync(match.Signature.BandKeys()[0], () => AssignInLaneAsync(match, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoryAssignment> AssignInLaneAsync(EventMatch match, CancellationToken cancellationToken)
    {
        var report = match.Report;
        if (await FromMemoryAsync(match, cancellationToken).ConfigureAwait(false) is { } remembered)
        {
            return Remember(remembered);
        }

        var ownId = $"s-{report.ArticleKey[..24]}";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var keys = await store.FindKeysAsync(match.Keys, cancellationToken).ConfigureAwait(false);
            var (candidates, settled, busy) = await ReadCandidatesAsync(match, keys, ownId, now, cancellationToken).ConfigureAwait(false);
            if (settled is not null)
            {
                return Remember(settled);
            }

            match.Learn(keys, candidates);
            var best = candidates.Select(story => (Story: story, Closeness: match.Closeness(story))).OrderByDescending(c => c.Closeness).FirstOrDefault();
            if (best.Story is not null && (double.IsPositiveInfinity(best.Closeness) || (!busy && best.Closeness >= EventMatch.Threshold)))
            {
                if (await JoinAsync(best.Story, match, keys, now, cancellationToken).ConfigureAwait(false) is { } joined)
                {
                    return Remember(joined);
                }

                busy = true;
            }

            if (busy)
            {
                // Another poll is founding or growing a story this report may belong to: that takes one storage call,
                // so look again very soon (by the wall clock, as below).
                await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt), TimeProvider.System, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (await FoundAsync(match, ownId, keys, now, cancellationToken).ConfigureAwait(false) is { } founded)
            {
                return Remember(founded);
            }

            // Another poll wrote one of the keys first. Under load many polls found stories under the same common keys
            // at once (two instances, a burst of feeds) and each round of the race has one winner: after the first
            // loss, a short random wait keeps the losers from going round in step, and there are rounds enough for all.
            // The wait spaces out storage calls, so it is the wall clock's, never the service clock's: on a manual
            // clock (tests, ingest stories cluster) it would never end.
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(25 * attempt)), TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"no story could be settled for article {report.ArticleKey} after {Attempts} tries; the poll is retried");
    }

    /// <summary>
    /// Reads the live stories the keys lead to, those sharing most keys first. Settled when the report is filed already
    /// (an earlier try of this poll); busy when a story the keys lead to is being founded by another poll right now.
    /// </summary>
    private async Task<(List<Story> Candidates, StoryAssignment? Settled, bool Busy)> ReadCandidatesAsync(EventMatch match, IReadOnlyList<StoryKey> keys, string ownId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = new List<Story>();
        var busy = false;
        var refs = keys.SelectMany(k => k.Stories)
            .GroupBy(r => (r.Id, r.Partition))
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(r => r.At))
            .Take(MaxCandidates)
            .ToList();

        // Read at once rather than one after another: a report's cost is then one round trip for its candidates.
        var stories = await Task.WhenAll(refs.Select(g => store.GetAsync(g.Key.Partition, g.Key.Id, cancellationToken))).ConfigureAwait(false);
        foreach (var (group, story) in refs.Zip(stories))
        {
            if (story is null)
            {
                if (group.Key.Id == ownId)
                {
                    // This report wrote its keys on an earlier try that ended before the story was written.
                    var founded = await SaveNewAsync(NewStory(match, ownId, now), cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"story {ownId} could not be written");
                    return ([], founded, false);
                }

                busy |= now - group.Max(r => r.At) < Founding;
            }
            else if (story.Has(match.Report.ArticleKey))
            {
                // Filed by an earlier try of this poll; a founder still brings its topics, so a lost alert is sent again.
                var founder = story.Id == ownId;
                return ([], new StoryAssignment(story, founder, founder ? match.Report.Topics : []), false);
            }
            else if (match.IsLive(story))
            {
                candidates.Add(story);
            }
        }

        return (candidates, null, busy);
    }

    /// <summary>Adds a report to its story (<see cref="StoryJoins"/>); null when it is to be looked at again.</summary>
    private async Task<StoryAssignment?> JoinAsync(Story story, EventMatch match, IReadOnlyList<StoryKey>? keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var joined = await _joins.JoinAsync(story, match, cancellationToken).ConfigureAwait(false);

        // The first few reports also write the story into the keys it lacks, so later reports like them find it too (a
        // copy settled from memory read no keys). Best effort: a key that changed meanwhile is left.
        if (joined is { Written: true } && keys is not null && joined.Value.Assignment.Story.Members.Count <= KeyClaimingMembers)
        {
            await store.TryWriteKeysAsync(WithStory(match.Keys, keys, joined.Value.Assignment.Story, now, onlyMissing: true), cancellationToken).ConfigureAwait(false);
        }

        return joined?.Assignment;
    }

    /// <summary>Writes the new story into all its keys, then writes the story; null when a key changed meanwhile (look again).</summary>
    private async Task<StoryAssignment?> FoundAsync(EventMatch match, string id, IReadOnlyList<StoryKey> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var story = NewStory(match, id, now);
        return await store.TryWriteKeysAsync(WithStory(match.Keys, keys, story, now, onlyMissing: false), cancellationToken).ConfigureAwait(false)
            ? await SaveNewAsync(story, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<StoryAssignment?> SaveNewAsync(Story story, CancellationToken cancellationToken)
    {
        var topics = story.Topics;
        if (await store.TrySaveAsync(story, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return new StoryAssignment(stored, IsNew: true, topics);
        }

        // Written by an earlier try of this same report.
        return await store.GetAsync(story.Partition, story.Id, cancellationToken).ConfigureAwait(false) is { } earlier ? new StoryAssignment(earlier, IsNew: true, topics) : null;
    }

    /// <summary>
    /// The keys as they are to be written with the story in them, newest first: those read (keeping their versions, so
    /// the write fails if another poll changed them) and the new ones. Places older than <see cref="KeyLife"/> are
    /// given up, and a key keeps its <see cref="StoryKey.MaxStories"/> newest.
    /// </summary>
    private static List<StoryKey> WithStory(IReadOnlyList<string> wanted, IReadOnlyList<StoryKey> read, Story story, DateTimeOffset now, bool onlyMissing)
    {
        var stored = read.ToDictionary(k => k.Key, StringComparer.Ordinal);
        var written = new List<StoryKey>();
        foreach (var key in wanted.Distinct(StringComparer.Ordinal))
        {
            var current = stored.GetValueOrDefault(key) ?? new StoryKey(key, [], null);
            if (onlyMissing && current.Stories.Any(r => r.Id == story.Id))
            {
                continue;
            }

            var others = current.Stories.Where(r => r.Id != story.Id && now - r.At < KeyLife).Take(StoryKey.MaxStories - 1);
            written.Add(current with { Stories = [new StoryRef(story.Id, story.Partition, now), .. others] });
        }

        return written;
    }

    private static Story NewStory(EventMatch match, string id, DateTimeOffset now)
    {
        var report = match.Report;
        return new Story(id, Day(now), report.At, report.At, report.Title, report.ArticleKey, report.FeedId, report.Score, 1,
            [report.FeedId], report.Topics, [report.ArticleKey[..Story.MemberKeyLength]], [match.Signature], EventProfile.Of(match.Terms, match.Actions), now);
    }

    /// <summary>A live story remembered under one of the report's band keys that it is a copy of, joined; null to go the whole way.</summary>
    private async Task<StoryAssignment?> FromMemoryAsync(EventMatch match, CancellationToken cancellationToken)
    {
        foreach (var key in match.Signature.BandKeys())
        {
            if (_recent.TryGetValue(key, out var story) && match.IsLive(story) && story.IsCopiedBy(match.Signature))
            {
                return story.Has(match.Report.ArticleKey)
                    ? null
                    : await JoinAsync(story, match, keys: null, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    private StoryAssignment Remember(StoryAssignment assignment)
    {
        if (_recent.Count > RecentKeysKept)
        {
            _recent.Clear();
        }

        foreach (var key in assignment.Story.Signatures.SelectMany(s => s.BandKeys()))
        {
            _recent[key] = assignment.Story;
        }

        return assignment;
    }

    /// <summary>The partition of a story: the UTC day Ingest founded it.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
