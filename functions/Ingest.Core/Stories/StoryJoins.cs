namespace Ingest.Core.Stories;

/// <summary>
/// Writes reports into their stories' rows. Joins to one story take turns in this process (a lane by the story's id),
/// each writing over the version the one before it wrote, so reports of one event that the assigner files in other
/// lanes (other words, another language, a site's own line) do not lose writes to each other. Another instance's join
/// can still win the row: a lost race is retried at once with the row read again, a few times; after that, a report to
/// a story with <see cref="StormMembers"/> reports that brings no new topic is filed without being counted (the story
/// is what matters, and the hits carry its id); any other is looked at again, so small stories count every report.
/// </summary>
internal sealed class StoryJoins(IStoryStore store)
{
    /// <summary>Immediate retries of a join that lost a race for the story's row.</summary>
    private const int JoinRaces = 4;

    /// <summary>Past this many reports a copy that keeps losing the race for the story's row is filed uncounted.</summary>
    private const int StormMembers = 50;

    /// <summary>
    /// Stories whose last row <see cref="_written"/> keeps: far more than are joined at once (a few per poll in flight),
    /// so emptying it costs at most a lost race.
    /// </summary>
    private const int WrittenKept = 4_096;

    private readonly StoryLanes _rows = new();

    /// <summary>Each story's row as this process last wrote or read it, by story id (see <see cref="Newest"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Story> _written = new(StringComparer.Ordinal);

    /// <summary>
    /// Joins the report to the story once no other join to that story is being written here: the assignment, and
    /// whether this call changed the row; null when the report is to be looked at again.
    /// </summary>
    public Task<(StoryAssignment Assignment, bool Written)?> JoinAsync(Story story, EventMatch match, CancellationToken cancellationToken) =>
        _rows.RunAsync(story.Id, () => WriteAsync(story, match, cancellationToken), cancellationToken);

    private async Task<(StoryAssignment Assignment, bool Written)?> WriteAsync(Story story, EventMatch match, CancellationToken cancellationToken)
    {
        var report = match.Report;
        story = Newest(story);
        if (story.Has(report.ArticleKey))
        {
            return (new StoryAssignment(story, IsNew: false, []), false);
        }

        for (var race = 0; race < JoinRaces; race++)
        {
            var added = report.Topics.Except(story.Topics).ToList();
            if (added.Count == 0 && story.Members.Count >= Story.MaxMembers)
            {
                // A story reported this widely is counted no further: its row stops changing, so a storm of copies
                // costs reads, not a queue of writes to one row, and once remembered not even those.
                return (new StoryAssignment(story, IsNew: false, []), false);
            }

            if (await store.TrySaveAsync(Join(story, match), cancellationToken).ConfigureAwait(false) is { } joined)
            {
                return (new StoryAssignment(Note(joined), IsNew: false, added), true);
            }

            if (await store.GetAsync(story.Partition, story.Id, cancellationToken).ConfigureAwait(false) is not { } fresh)
            {
                return null;
            }

            story = Note(fresh);
            if (story.Has(report.ArticleKey))
            {
                return (new StoryAssignment(story, IsNew: false, []), false);
            }
        }

        return story.Members.Count >= StormMembers && report.Topics.All(story.Topics.Contains)
            ? (new StoryAssignment(story, IsNew: false, []), false)
            : null;
    }

    /// <summary>
    /// The newer of a story as read and as this process last wrote or read it: every counted join adds one report, so
    /// the version with more reports is the later one, and a join written over it does not lose to this process's own
    /// earlier join.
    /// </summary>
    private Story Newest(Story story) =>
        _written.TryGetValue(story.Id, out var known) && known.ArticleCount > story.ArticleCount ? known : story;

    /// <summary>Notes a story's row as last seen, for <see cref="Newest"/>; emptied past <see cref="WrittenKept"/> stories.</summary>
    private Story Note(Story story)
    {
        if (_written.Count > WrittenKept)
        {
            _written.Clear();
        }

        _written[story.Id] = story;
        return story;
    }

    private static Story Join(Story story, EventMatch match)
    {
        var report = match.Report;
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
            Signatures = story.Signatures.Count < Story.MaxSignatures && !story.IsCopiedBy(match.Signature) ? [.. story.Signatures, match.Signature] : story.Signatures,
            Profile = story.Profile.Add(match.Terms, match.Actions),
        };
    }
}
