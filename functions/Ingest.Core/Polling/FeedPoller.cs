using System.Runtime.CompilerServices;
using Ingest.Core.Extraction;
using Ingest.Core.Feeds;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Scheduling;
using Ingest.Core.Stories;
using Ingest.Core.Telemetry;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>PollFeed</c> queue function's work for one feed: conditional GET, parse, keep what is new
/// (<see cref="NewItems"/>), read and match it, store hits then articles, and only then save the feed's validators and next
/// poll time. Each new article that matched a topic is filed under a story first (its hits carry the story's id), and
/// only hits that bring a story a topic it did not have are alerted: a reprint is no news. What the feed's server does wrong is recorded on the feed and never throws; what storage does
/// wrong throws, so the message is retried and nothing is lost.
/// </summary>
public sealed class FeedPoller(IFeedStore feeds, IArticleStore articles, IQueue<PollRequest> polls, IQueue<AlertBatch> alerts, FeedFetcher fetcher, ArticleReader reader, StoryAssigner stories, PollPolicy policy, TimeProvider timeProvider, IngestMetrics? metrics = null)
{
    private readonly IngestMetrics _metrics = metrics ?? IngestMetrics.Unobserved;
    private readonly NewItems _newItems = new(articles);

    /// <summary>
    /// Items whose keys the feed row remembers, the first in the feed's order: 17 characters each keeps the row far
    /// below Table Storage's 32K-character property limit whatever the feed's size. Items beyond are looked up in
    /// <c>Articles</c>, which is exact, only slower.
    /// </summary>
    public const int RememberedItems = 1_000;

    private const string NoSuchFeed = "no such feed (removed from the catalogue?)";

    /// <summary>When a poll that found its host busy comes back: soon, but after the slow fetches ahead of it.</summary>
    public static readonly TimeSpan BusyHostDelay = TimeSpan.FromMinutes(1);

    /// <summary>For a poll on its own: nothing waits for its state write to begin.</summary>
    private static readonly Action NoHandOff = static () => { };

    /// <summary>
    /// Polls a message's feeds one after another (a try after the first polls only those no earlier try did), each
    /// result handed back as its poll ends, a storage failure beside the outcomes rather than thrown, so one feed's
    /// failure does not hold up the others. A poll's last step, writing its feed's state, overlaps the next poll's
    /// fetch: most polls are 304s whose fetch and state write take about as long as each other, so a message takes
    /// little more than its fetches, while still only one of its polls at a time fetches, reads and files.
    /// </summary>
    public async IAsyncEnumerable<PollResult> PollEachAsync(IEnumerable<PollRequest> requests, bool retried, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Task<PollResult>? previous = null;
        foreach (var request in requests)
        {
            var stateWriteBegins = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var current = PollOneOfManyAsync(request, retried, () => stateWriteBegins.TrySetResult(), cancellationToken);
            await Task.WhenAny(stateWriteBegins.Task, current).ConfigureAwait(false);
            if (previous is not null)
            {
                yield return await previous.ConfigureAwait(false);
            }

            previous = current;
        }

        if (previous is not null)
        {
            yield return await previous.ConfigureAwait(false);
        }
    }

    private async Task<PollResult> PollOneOfManyAsync(PollRequest request, bool retried, Action stateWriteBegins, CancellationToken cancellationToken)
    {
        try
        {
            return new PollResult(request.FeedId, retried
                ? await PollAgainAsync(request, stateWriteBegins, cancellationToken).ConfigureAwait(false)
                : await PollAsync(request, stateWriteBegins, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new PollResult(request.FeedId, null, ex);
        }
    }

    /// <summary>Polls one feed as one span (<see cref="IngestTelemetry"/>), counted by outcome when it ends; storage failures throw.</summary>
    public Task<PollOutcome> PollAsync(PollRequest request, CancellationToken cancellationToken) => PollAsync(request, NoHandOff, cancellationToken);

    private async Task<PollOutcome> PollAsync(PollRequest request, Action stateWriteBegins, CancellationToken cancellationToken)
    {
        using var activity = IngestTelemetry.Source.StartActivity("poll feed");
        activity?.SetTag(IngestTelemetry.Tags.FeedId, request.FeedId);
        var started = timeProvider.GetTimestamp();
        try
        {
            var outcome = await PollOnceAsync(request, stateWriteBegins, cancellationToken).ConfigureAwait(false);
            _metrics.RecordPoll(outcome.Status, timeProvider.GetElapsedTime(started), outcome.ItemCount, outcome.NewArticles.Count, outcome.Hits);
            activity?.SetTag(IngestTelemetry.Tags.Outcome, outcome.Status)
                .SetTag(IngestTelemetry.Tags.Items, outcome.ItemCount)
                .SetTag(IngestTelemetry.Tags.NewItems, outcome.NewArticles.Count);
            return outcome;
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// A poll for a message tried again: a feed the earlier try polled (its row saved a poll since the request) is left
    /// alone, so one feed's failure does not fetch the others of its message twice.
    /// </summary>
    public Task<PollOutcome> PollAgainAsync(PollRequest request, CancellationToken cancellationToken) => PollAgainAsync(request, NoHandOff, cancellationToken);

    private async Task<PollOutcome> PollAgainAsync(PollRequest request, Action stateWriteBegins, CancellationToken cancellationToken) =>
        await feeds.GetAsync(request.FeedId, cancellationToken).ConfigureAwait(false) is { LastPolledAt: { } polledAt } && polledAt >= request.RequestedAt
            ? PollOutcome.Skipped(request.FeedId, "polled by an earlier try of this message")
            : await PollAsync(request, stateWriteBegins, cancellationToken).ConfigureAwait(false);

    /// <param name="stateWriteBegins">Called when all that is left is writing the feed's state (or putting it back on the queue).</param>
    private async Task<PollOutcome> PollOnceAsync(PollRequest request, Action stateWriteBegins, CancellationToken cancellationToken)
    {
        // Most polls are a 304. With the validators the dispatcher listed, the fetch goes first and a 304 is written
        // without reading the feed's row: one storage call instead of two. Any other answer reads the row, which
        // decides what is done with it.
        var listed = request.Validators is { } validators ? await FetchAsync(validators, cancellationToken).ConfigureAwait(false) : null;
        if (listed is { Status: FetchStatus.NotModified })
        {
            stateWriteBegins();
            return await UnchangedAsync(request.FeedId, listed, cancellationToken).ConfigureAwait(false);
        }

        var feed = await feeds.GetAsync(request.FeedId, cancellationToken).ConfigureAwait(false);
        if (feed is null || !feed.Enabled)
        {
            return PollOutcome.Skipped(request.FeedId, feed is null ? NoSuchFeed : "feed is disabled");
        }

        // Validators the row no longer has (a permanent move, a poll saved since the listing) fetch again with the row's.
        var fetch = listed is not null && request.Validators!.Fit(feed) ? listed : await FetchAsync(FeedValidators.Of(feed), cancellationToken).ConfigureAwait(false);
        var polled = feed with { Url = fetch.PermanentUri?.AbsoluteUri ?? feed.Url, LastPolledAt = timeProvider.GetUtcNow() };
        if (fetch.Status != FetchStatus.Ok)
        {
            stateWriteBegins();
            return await NotReadAsync(request, feed, polled, fetch, cancellationToken).ConfigureAwait(false);
        }

        return await ReadFeedAsync(request, feed, polled, fetch, stateWriteBegins, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FetchResult> FetchAsync(FeedValidators validators, CancellationToken cancellationToken)
    {
        using var activity = IngestTelemetry.Source.StartActivity("fetch");
        var started = timeProvider.GetTimestamp();
        var fetch = await fetcher.FetchAsync(new FetchRequest(new Uri(validators.Url), validators.ETag, validators.LastModified), cancellationToken).ConfigureAwait(false);
        _metrics.RecordFetch(fetch.Status.ToString().ToLowerInvariant(), timeProvider.GetElapsedTime(started));
        return fetch;
    }

    /// <summary>A 304 to the listed validators: every item the feed holds was stored when those were saved.</summary>
    private async Task<PollOutcome> UnchangedAsync(string feedId, FetchResult fetch, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var next = PollScheduler.NextPoll(now, fetch, 0, null, policy, Random.Shared) ?? now + policy.Interval;
        return await feeds.SaveUnchangedAsync(new UnchangedPoll(feedId, now, next, fetch.PermanentUri?.AbsoluteUri), cancellationToken).ConfigureAwait(false)
            ? new PollOutcome(feedId, PollStatus.NotModified, 0, [], [], null)
            : PollOutcome.Skipped(feedId, NoSuchFeed);
    }

    /// <summary>A fetch that brought no feed to read: unchanged, put back for a busy host, gone, or failed.</summary>
    private async Task<PollOutcome> NotReadAsync(PollRequest request, FeedRecord feed, FeedRecord polled, FetchResult fetch, CancellationToken cancellationToken)
    {
        switch (fetch.Status)
        {
            case FetchStatus.NotModified:
                return await SucceededAsync(polled, fetch, null, Outcome(feed, PollStatus.NotModified), cancellationToken).ConfigureAwait(false);
            case FetchStatus.HostBusy:
                // The feed did nothing wrong: its state stays as it is and the same request (same date for undated items) comes back.
                await polls.EnqueueAsync(request, cancellationToken, BusyHostDelay).ConfigureAwait(false);
                return Outcome(feed, PollStatus.Requeued, error: $"{fetch.Error}; polled again in {BusyHostDelay.TotalMinutes:0} min");
            case FetchStatus.Gone:
                await feeds.SavePollStateAsync(polled with { Enabled = false, LastStatus = PollStatus.Gone, LastError = fetch.Error ?? "410 Gone" }, cancellationToken).ConfigureAwait(false);
                return Outcome(feed, PollStatus.Gone, error: "410 Gone: the feed is disabled");
            default:
                return await FailedAsync(polled, fetch, fetch.Status == FetchStatus.RetryLater ? PollStatus.RetryLater : PollStatus.Failed, fetch.Error ?? "fetch failed", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Parses the feed, reads and files what is new, stores it, queues the news, and only then saves the feed's state.</summary>
    private async Task<PollOutcome> ReadFeedAsync(PollRequest request, FeedRecord feed, FeedRecord polled, FetchResult fetch, Action stateWriteBegins, CancellationToken cancellationToken)
    {
        Feed parsed;
        try
        {
            using var parsing = IngestTelemetry.Source.StartActivity("parse");
            parsed = FeedParser.Parse(fetch.Body, fetch.FinalUri, fetch.Charset);
        }
        catch (FeedParseException ex)
        {
            stateWriteBegins();
            return await FailedAsync(polled, fetch with { Status = FetchStatus.Failed }, PollStatus.NotAFeed, ex.Message, cancellationToken).ConfigureAwait(false);
        }

        var items = NewItems.Keyed(parsed);
        var fresh = await _newItems.FindAsync(feed, items, cancellationToken).ConfigureAwait(false);
        ReadAttempt[] attempts;
        using (IngestTelemetry.Source.StartActivity("read")?.SetTag(IngestTelemetry.Tags.NewItems, fresh.Count))
        {
            attempts = await ParallelAsync(fresh, (item, ct) => ReadOneAsync(feed, item, request.RequestedAt, ct), cancellationToken).ConfigureAwait(false);
        }

        var read = await _newItems.UnstoredAsync(attempts.Select(a => a.Article).OfType<ReadArticle>().ToList(), fresh, cancellationToken).ConfigureAwait(false);
        (ReadArticle Read, IReadOnlyList<string> AddedTopics)[] filed;
        using (IngestTelemetry.Source.StartActivity("file stories"))
        {
            filed = await ParallelAsync(read, FileUnderStoryAsync, cancellationToken).ConfigureAwait(false);
        }

        var newArticles = filed.Select(f => f.Read.Article).ToList();
        var hits = filed.SelectMany(f => f.Read.Hits).ToList();
        using (IngestTelemetry.Source.StartActivity("store"))
        {
            if (newArticles.Count > 0)
            {
                var stored = await articles.SaveAsync(newArticles, hits, cancellationToken).ConfigureAwait(false);
                newArticles.RemoveAll(a => stored.Contains(a.Key));
            }

            // Before the feed's state: a retry of this poll queues the batch again, and its id keeps that harmless.
            var news = filed.SelectMany(f => f.Read.Hits.Where(h => f.AddedTopics.Contains(h.TopicId)));
            foreach (var batch in AlertBatch.For(feed.Id, request.RequestedAt, news))
            {
                await alerts.EnqueueAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        var done = polled with
        {
            Title = string.IsNullOrEmpty(feed.Title) ? parsed.Title : feed.Title,
            ArticleCount = feed.ArticleCount + newArticles.Count,
            LastNewArticleAt = newArticles.Count > 0 ? polled.LastPolledAt : feed.LastNewArticleAt,
            Arrivals = (feed.Arrivals ?? ArrivalLog.Empty).Add(polled.LastPolledAt!.Value, newArticles.Count),
            Texts = (feed.Texts ?? TextLog.Empty).Add(read.Select(r => r.FeedText)),
            ItemKeys = [.. items.Take(RememberedItems).Select(i => i.Key[..NewItems.ItemKeyPrefix])],
        };
        var warnings = parsed.Warnings.Concat(read.SelectMany(r => r.Warnings)).Concat(attempts.Select(a => a.Skipped).OfType<string>()).ToList();
        if (read.Count(r => r.PageSkipped) is > 0 and var skipped)
        {
            warnings.Add($"{skipped} new items' pages were not read (at most {ArticleReader.PagesPerPoll} a poll); their feed text was matched");
        }

        stateWriteBegins();
        return await SucceededAsync(done, fetch, parsed.TimeToLive, new PollOutcome(feed.Id, PollStatus.Ok, items.Count, newArticles, hits, null, warnings), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on each input, four at a time, keeping the inputs' order in the results.</summary>
    private static async Task<TOut[]> ParallelAsync<TIn, TOut>(IReadOnlyList<TIn> inputs, Func<TIn, CancellationToken, Task<TOut>> work, CancellationToken cancellationToken)
    {
        var results = new TOut[inputs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
            results[i] = await work(inputs[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// One item read, or skipped with the reason: an item the reader cannot handle must not fail the poll, or the
    /// feed's other items and its state would never be saved and every retry would meet the same item again.
    /// </summary>
    private async Task<ReadAttempt> ReadOneAsync(FeedRecord feed, NewItem item, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        try
        {
            return new ReadAttempt(await reader.ReadAsync(feed, item.Draft, item.Key, item.Link, requestedAt, item.ReadsPage, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ReadAttempt(null, $"{item.Link}: item skipped, it could not be read ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private sealed record ReadAttempt(ReadArticle? Article, string? Skipped);

    /// <summary>An article that matched a topic, filed under its story; one that matched none is no story of Ingest's.</summary>
    private async Task<(ReadArticle Read, IReadOnlyList<string> AddedTopics)> FileUnderStoryAsync(ReadArticle read, CancellationToken cancellationToken)
    {
        if (read.Hits.Count == 0)
        {
            return (read, []);
        }

        var article = read.Article;
        var filed = await stories.AssignAsync(new StoryReport(article.Key, article.Title, read.Text, article.FeedId, article.PublishedAt, article.Topics, read.Hits.Max(h => h.Score)), cancellationToken).ConfigureAwait(false);
        _metrics.RecordStory(founded: filed.IsNew);
        var id = filed.Story.Id;
        return (read with { Article = article with { StoryId = id }, Hits = read.Hits.Select(h => h with { StoryId = id }).ToList() }, filed.AddedTopics);
    }

    private async Task<PollOutcome> SucceededAsync(FeedRecord feed, FetchResult fetch, TimeSpan? timeToLive, PollOutcome outcome, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await feeds.SavePollStateAsync(feed with
        {
            // A 304 carries no new validators; keep the ones that earned it.
            ETag = fetch.Status == FetchStatus.Ok ? fetch.ETag : feed.ETag,
            LastModified = fetch.Status == FetchStatus.Ok ? fetch.LastModified : feed.LastModified,
            NextPollAt = PollScheduler.NextPoll(now, fetch, 0, timeToLive, policy, Random.Shared),
            LastStatus = outcome.Status,
            ConsecutiveFailures = 0,
            LastError = null,
            VerifiedAt = feed.VerifiedAt ?? now,
        }, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<PollOutcome> FailedAsync(FeedRecord feed, FetchResult fetch, string status, string error, CancellationToken cancellationToken)
    {
        var failures = feed.ConsecutiveFailures + 1;
        await feeds.SavePollStateAsync(feed with
        {
            NextPollAt = PollScheduler.NextPoll(timeProvider.GetUtcNow(), fetch, failures, null, policy, Random.Shared),
            LastStatus = status,
            ConsecutiveFailures = failures,
            LastError = error,
        }, cancellationToken).ConfigureAwait(false);
        return Outcome(feed, status, error: error);
    }

    private static PollOutcome Outcome(FeedRecord feed, string status, string? error = null) => new(feed.Id, status, 0, [], [], error);
}
