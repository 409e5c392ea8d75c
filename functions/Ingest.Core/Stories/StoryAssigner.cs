namespace Ingest.Core.Stories;

/// <summary>
/// Files each new report under a story: the live story it is a near copy or a close report of (within
/// <see cref="Window"/>), or a new one. Idempotent (a retried poll finds the story its report is already in) and safe
/// under concurrent polls: a new story first claims its free band keys in one all-or-nothing write, so of two reports
/// of one event arriving at once, one founds the story and the other, finding a key taken, joins it.
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

    /// <summary>How far apart two reports can be and still be one story: news of one event runs for about three days.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(72);

    /// <summary>A claim whose story is not stored yet is being founded right now, unless it is this old.</summary>
    private static readonly TimeSpan Founding = TimeSpan.FromSeconds(30);

    private const int Attempts = 8;

    /// <summary>Immediate retries of a join that lost a race for the story's row.</summary>
    private const int JoinRaces = 4;

    /// <summary>Reports past this many leave the story's band keys as they are.</summary>
    private const int KeyClaimingMembers = 8;

    /// <summary>Past this many reports a copy that keeps losing the race for the story's row is filed uncounted.</summary>
    private const int StormMembers = 50;

    public async Task<StoryAssignment> AssignAsync(StoryReport report, CancellationToken cancellationToken)
    {
        var signature = StorySignature.Of(report.Title, report.Text);
        var keys = signature.BandKeys();
        if (await FromMemoryAsync(keys, signature, report, cancellationToken).ConfigureAwait(false) is { } remembered)
        {
            return Remember(remembered);
        }

        var ownId = $"s-{report.ArticleKey[..24]}";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var claims = await store.FindClaimsAsync(keys, cancellationToken).ConfigureAwait(false);
            var stale = new List<StoryClaim>();
            var busy = false;
            foreach (var group in claims.GroupBy(c => (c.StoryId, c.StoryPartition)).OrderByDescending(g => g.Count()))
            {
                var story = await store.GetAsync(group.Key.StoryPartition, group.Key.StoryId, cancellationToken).ConfigureAwait(false);
                if (story is null)
                {
                    if (group.Key.StoryId == ownId)
                    {
                        // This report claimed the keys on an earlier try that ended before the story was written.
                        return Remember(await FoundAsync(report, signature, ownId, [], [], now, cancellationToken).ConfigureAwait(false)
                            ?? throw new InvalidOperationException($"story {ownId} could not be written"));
                    }

                    if (now - group.Max(c => c.At) < Founding)
                    {
                        busy = true;
                        continue;
                    }

                    stale.AddRange(group);
                }
                else if (!IsLive(story, report.At))
                {
                    stale.AddRange(group);
                }
                else if (story.Has(report.ArticleKey))
                {
                    // Filed by an earlier try of this poll; a founder still brings its topics, so a lost alert is sent again.
                    var founder = story.Id == ownId;
                    return Remember(new StoryAssignment(story, founder, founder ? report.Topics : []));
                }
                else if (signature.IsSameStory(story.Signature))
                {
                    if (await JoinAsync(story, report, keys.Except(claims.Select(c => c.Key)).ToList(), now, cancellationToken).ConfigureAwait(false) is { } joined)
                    {
                        return Remember(joined);
                    }

                    busy = true;
                    break;
                }
            }

            if (busy)
            {
                // Another poll is founding or growing a story this report may belong to: that takes one storage call,
                // so look again very soon.
                await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt), timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var unclaimed = keys.Except(claims.Select(c => c.Key)).ToList();
            if (await FoundAsync(report, signature, ownId, unclaimed, stale, now, cancellationToken).ConfigureAwait(false) is { } founded)
            {
                return Remember(founded);
            }
        }

        throw new InvalidOperationException($"no story could be settled for article {report.ArticleKey} after {Attempts} tries; the poll is retried");
    }

    /// <summary>
    /// Adds a report to its story. A reprint storm sends many reports at one row at once, so a lost race is retried at
    /// once with the row read again, a few times; after that, a report to a story with <see cref="StormMembers"/> reports that brings
    /// no new topic is filed without being counted (the story is what matters, and the hits carry its id); any other
    /// is looked at again (null), so small stories count every report.
    /// </summary>
    private async Task<StoryAssignment?> JoinAsync(Story story, StoryReport report, IReadOnlyList<string> unclaimedKeys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var race = 0; race < JoinRaces; race++)
        {
            var added = report.Topics.Except(story.Topics).ToList();
            if (added.Count == 0 && story.Members.Count >= Story.MaxMembers)
            {
                // A story reported this widely is counted no further: its row stops changing, so a storm of copies
                // costs reads, not a queue of writes to one row, and once remembered not even those.
                return new StoryAssignment(story, IsNew: false, []);
            }

            if (await store.TrySaveAsync(Join(story, report), cancellationToken).ConfigureAwait(false) is { } joined)
            {
                // The first few reports also claim the keys the story lacks, so later copies of them find it too.
                if (story.Members.Count < KeyClaimingMembers)
                {
                    await store.TryReserveKeysAsync(unclaimedKeys, [], story, now, cancellationToken).ConfigureAwait(false);
                }

                return new StoryAssignment(joined, IsNew: false, added);
            }

            if (await store.GetAsync(story.Partition, story.Id, cancellationToken).ConfigureAwait(false) is not { } fresh)
            {
                return null;
            }

            if (fresh.Has(report.ArticleKey))
            {
                return new StoryAssignment(fresh, IsNew: false, []);
            }

            story = fresh;
        }

        return story.Members.Count >= StormMembers && report.Topics.All(story.Topics.Contains) ? new StoryAssignment(story, IsNew: false, []) : null;
    }

    /// <summary>Claims the keys, then writes the story; null when a key was claimed meanwhile (look again).</summary>
    private async Task<StoryAssignment?> FoundAsync(StoryReport report, StorySignature signature, string id, IReadOnlyList<string> free, IReadOnlyList<StoryClaim> stale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var story = new Story(id, Day(now), report.At, report.At, report.Title, report.ArticleKey, report.FeedId, report.Score, 1,
            [report.FeedId], report.Topics, [report.ArticleKey[..Story.MemberKeyLength]], signature, now);
        if (!await store.TryReserveKeysAsync(free, stale, story, now, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (await store.TrySaveAsync(story, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return new StoryAssignment(stored, IsNew: true, report.Topics);
        }

        // Written by an earlier try of this same report.
        return await store.GetAsync(story.Partition, id, cancellationToken).ConfigureAwait(false) is { } earlier ? new StoryAssignment(earlier, IsNew: true, report.Topics) : null;
    }

    /// <summary>A live story remembered under one of the report's keys that it is a copy of, joined; null to go the whole way.</summary>
    private async Task<StoryAssignment?> FromMemoryAsync(IReadOnlyList<string> keys, StorySignature signature, StoryReport report, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            if (_recent.TryGetValue(key, out var story) && IsLive(story, report.At) && signature.IsSameStory(story.Signature))
            {
                return story.Has(report.ArticleKey)
                    ? null
                    : await JoinAsync(story, report, [], timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
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

        foreach (var key in assignment.Story.Signature.BandKeys())
        {
            _recent[key] = assignment.Story;
        }

        return assignment;
    }

    private static bool IsLive(Story story, DateTimeOffset at) => at <= story.LastSeen + Window && at >= story.FirstSeen - Window;

    private static Story Join(Story story, StoryReport report)
    {
        var better = report.Score > story.BestScore;
        return story with
        {
            FirstSeen = report.At < story.FirstSeen ? report.At : story.FirstSeen,
            LastSeen = report.At > story.LastSeen ? report.At : story.LastSeen,
            BestArticleKey = better ? report.ArticleKey : story.BestArticleKey,
            BestFeedId = better ? report.FeedId : story.BestFeedId,
            BestScore = Math.Max(report.Score, story.BestScore),
            ArticleCount = story.ArticleCount + 1,
            Feeds = story.Feeds.Contains(report.FeedId) ? story.Feeds : [.. story.Feeds, report.FeedId],
            Topics = story.Topics.Union(report.Topics).ToList(),
            Members = [.. story.Members, report.ArticleKey[..Story.MemberKeyLength]],
        };
    }

    /// <summary>The partition of a story: the UTC day Ingest founded it.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
