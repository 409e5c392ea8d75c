using Ingest.Core.Mail;
using Ingest.Core.Model;

namespace Ingest.Core.Subscriptions;

/// <summary>What a confirm or unsubscribe link did.</summary>
public enum LinkOutcome
{
    /// <summary>A good link not used yet: its page shows the button that uses it.</summary>
    Ready,
    Done,
    AlreadyDone,
    /// <summary>Genuine but too old, or its subscription has ended since: the page offers to start again.</summary>
    Expired,
    Invalid,
}

/// <summary>
/// Double opt-in. A request is queued and answered at once, the same way whatever the address (so neither the words
/// nor the time of the answer tell which addresses are known). Handling it stores a pending subscription and mails a
/// signed confirmation link, at most one per address per hour however often the form is sent (claimed with a
/// conditional write, so concurrent requests send one), and at most <see cref="MaxConfirmationsPerHour"/> in all. An
/// active subscription is never changed by an unconfirmed request (that would let anyone rewrite a victim's
/// preferences), so it gets no mail either.
/// </summary>
public sealed class SubscriptionService(ISubscriberStore store, IQueue<Subscriber> requests, IQueue<OutgoingMail> outbox, IMailTemplates templates, TopicCatalog topics, LinkSigner signer, SubscriberIds ids, Uri publicBaseUrl, TimeProvider timeProvider, WatchBreadth? breadth = null)
{
    public static readonly TimeSpan ConfirmationInterval = TimeSpan.FromHours(1);
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromDays(7);

    /// <summary>Confirmation mails across all addresses and instances: a ceiling on what anyone can make Ingest send to strangers.</summary>
    public const int MaxConfirmationsPerHour = 200;

    /// <summary>
    /// Reads a subscribe or preferences form (<see cref="SubscriptionForm"/>) and, when it is valid, checks that none of
    /// its watches would flood the subscriber (<see cref="WatchBreadth"/>). The subscriber it asks for, or every refused field with why.
    /// </summary>
    public async Task<(Subscriber? Read, IReadOnlyDictionary<string, string> Errors)> ReadFormAsync(IReadOnlyDictionary<string, string?> fields, IReadOnlyCollection<string> topicIds, CancellationToken cancellationToken)
    {
        var (read, errors) = SubscriptionForm.Read(fields, topicIds, timeProvider.GetUtcNow());
        if (read is not null && breadth is not null && await breadth.RefuseAsync(read.Watches, cancellationToken).ConfigureAwait(false) is { } tooBroad)
        {
            return (null, new Dictionary<string, string>(StringComparer.Ordinal) { ["watches"] = tooBroad });
        }

        return (read, errors);
    }

    /// <summary>Queues a valid request (as <see cref="SubscriptionForm"/> read it) under its address's id; <see cref="SubscribeAsync"/> handles it.</summary>
    public Task RequestAsync(Subscriber request, CancellationToken cancellationToken) => requests.EnqueueAsync(request with { Id = ids.For(request.Email) }, cancellationToken);

    /// <summary>The stored subscriber of an address, if any.</summary>
    public Task<Subscriber?> FindAsync(string email, CancellationToken cancellationToken) => store.GetAsync(ids.For(email), cancellationToken);

    /// <returns>What was done, for the invocation log (never shown to the person who asked).</returns>
    public async Task<string> SubscribeAsync(Subscriber request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var existing = await store.GetAsync(request.Id, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: SubscriberStatus.Active })
        {
            return "already subscribed; nothing sent";
        }

        if (existing?.ConfirmationSentAt is { } sent && now - sent < ConfirmationInterval)
        {
            return "a confirmation was sent within the hour; nothing sent";
        }

        if (!await store.TryCountConfirmationAsync(now, MaxConfirmationsPerHour, cancellationToken).ConfigureAwait(false))
        {
            return $"{MaxConfirmationsPerHour} confirmations were sent this hour; nothing sent";
        }

        var pending = request with
        {
            Status = SubscriberStatus.Pending,
            CreatedAt = now,
            ConfirmationSentAt = now,
            ConfirmedAt = null,
            UnsubscribedAt = null,
            ETag = existing?.ETag,
            // A new subscription of an address starts a new link generation: links mailed for an earlier one do nothing.
            LinkGeneration = existing is null ? 0 : existing.LinkGeneration + 1,
        };
        if (!await store.TrySaveAsync(pending, cancellationToken).ConfigureAwait(false))
        {
            return "another request for this address claimed the confirmation; nothing sent";
        }

        // Its own id names its delivery, so a message the queue hands over twice is mailed once.
        var mail = await ConfirmationMailAsync(pending, now, cancellationToken).ConfigureAwait(false);
        await outbox.EnqueueAsync(mail with { Id = Guid.NewGuid().ToString("N") }, cancellationToken).ConfigureAwait(false);
        return "confirmation queued";
    }

    /// <summary>
    /// What a confirm link would do, without using it: a GET shows the button (and what it confirms), only the POST
    /// confirms. A link to a subscription that is already active says so, however old the link.
    /// </summary>
    public async Task<(LinkOutcome Outcome, Subscriber? Subscriber)> InspectConfirmLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (signer.Check(token, LinkPurpose.Confirm, now) is not { } link || await CurrentAsync(link, cancellationToken).ConfigureAwait(false) is not { } subscriber)
        {
            return (LinkOutcome.Invalid, null);
        }

        return subscriber.Status switch
        {
            SubscriberStatus.Active => (LinkOutcome.AlreadyDone, subscriber),
            SubscriberStatus.Pending when !link.Expired && now - subscriber.CreatedAt <= PendingLifetime => (LinkOutcome.Ready, subscriber),
            _ => (LinkOutcome.Expired, subscriber),
        };
    }

    /// <returns>What happened, and the subscriber the link was for (null when it was not genuine).</returns>
    public async Task<(LinkOutcome Outcome, Subscriber? Subscriber)> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var (outcome, subscriber) = await InspectConfirmLinkAsync(token, cancellationToken).ConfigureAwait(false);
        if (outcome != LinkOutcome.Ready)
        {
            return (outcome, subscriber);
        }

        var active = subscriber! with { Status = SubscriberStatus.Active, ConfirmedAt = timeProvider.GetUtcNow() };
        await store.SaveAsync(active, cancellationToken).ConfigureAwait(false);
        return (LinkOutcome.Done, active);
    }

    /// <summary>The active subscriber a preferences link was made for, or null.</summary>
    public async Task<Subscriber?> FromPreferencesLinkAsync(string? token, CancellationToken cancellationToken) =>
        signer.Check(token, LinkPurpose.Preferences, timeProvider.GetUtcNow()) is { Expired: false } link
        && await CurrentAsync(link, cancellationToken).ConfigureAwait(false) is { Status: SubscriberStatus.Active } subscriber
            ? subscriber
            : null;

    /// <summary>
    /// Applies new preferences from a preferences link; the address and status stay as they are. The subscriber as now
    /// stored, or the refused fields with why.
    /// </summary>
    public async Task<(Subscriber? Saved, IReadOnlyDictionary<string, string>? Errors)> UpdatePreferencesAsync(Subscriber subscriber, IReadOnlyDictionary<string, string?> fields, IReadOnlyCollection<string> topicIds, CancellationToken cancellationToken)
    {
        var withAddress = new Dictionary<string, string?>(fields) { ["email"] = subscriber.Email };
        var (read, errors) = await ReadFormAsync(withAddress, topicIds, cancellationToken).ConfigureAwait(false);
        return read is null
            ? (null, errors)
            : (await ChangeAsync(subscriber, s => s with { Topics = read.Topics, Watches = read.Watches, Frequency = read.Frequency, Hour = read.Hour, TimeZone = read.TimeZone, Weekday = read.Weekday, MinScore = read.MinScore }, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Adds a push endpoint (read by <see cref="EndpointForm"/>); the subscriber as now stored.</summary>
    public Task<Subscriber> AddEndpointAsync(Subscriber subscriber, PushEndpoint endpoint, CancellationToken cancellationToken) =>
        ChangeAsync(subscriber, s => s with { Endpoints = [.. s.Endpoints ?? [], endpoint] }, cancellationToken);

    /// <summary>Removes the push endpoint with this id, if they have one; the subscriber as now stored.</summary>
    public Task<Subscriber> RemoveEndpointAsync(Subscriber subscriber, string? endpointId, CancellationToken cancellationToken) =>
        ChangeAsync(subscriber, s => s with { Endpoints = s.Endpoints?.Where(e => e.Id != endpointId).ToList() is { Count: > 0 } left ? left : null }, cancellationToken);

    /// <summary>The link that lets a subscriber change what they get, valid for a year.</summary>
    public Uri PreferencesUrl(Subscriber subscriber) => Link("api/subscriptions/preferences", PreferencesToken(subscriber));

    /// <summary>The token of <see cref="PreferencesUrl"/>, for a page that posts back to its own address.</summary>
    public string PreferencesToken(Subscriber subscriber) => signer.Create(LinkPurpose.Preferences, subscriber, timeProvider.GetUtcNow().AddYears(1));

    public async Task<LinkOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (signer.Check(token, LinkPurpose.Unsubscribe, now) is not { Expired: false } link || await CurrentAsync(link, cancellationToken).ConfigureAwait(false) is not { } subscriber)
        {
            return LinkOutcome.Invalid;
        }

        if (subscriber.Status == SubscriberStatus.Unsubscribed)
        {
            return LinkOutcome.AlreadyDone;
        }

        await store.SaveAsync(subscriber with { Status = SubscriberStatus.Unsubscribed, UnsubscribedAt = now }, cancellationToken).ConfigureAwait(false);
        return LinkOutcome.Done;
    }

    /// <summary>The link every mail to this subscriber carries; it stays valid for a year.</summary>
    public Uri UnsubscribeUrl(Subscriber subscriber) =>
        Link("api/subscriptions/unsubscribe", signer.Create(LinkPurpose.Unsubscribe, subscriber, timeProvider.GetUtcNow().AddYears(1)));

    /// <summary>The active subscriber whose private feed this token opens: genuine, and of the current link generation.</summary>
    public async Task<Subscriber?> FromFeedTokenAsync(string? token, CancellationToken cancellationToken) =>
        signer.Check(token, LinkPurpose.Feed, timeProvider.GetUtcNow()) is { } link
        && await CurrentAsync(link, cancellationToken).ConfigureAwait(false) is { Status: SubscriberStatus.Active } subscriber
            ? subscriber
            : null;

    /// <summary>
    /// The address of a subscriber's private feed: their topics above their threshold, for any feed reader; as Atom, or
    /// as JSON Feed (the same token).
    /// </summary>
    public Uri FeedUrl(Subscriber subscriber, bool json = false) => Link(json ? "api/subscriptions/feed.json" : "api/subscriptions/feed", signer.CreateFeed(subscriber));

    /// <summary>
    /// Starts a new link generation: every link made so far (the feed's address, the preferences and unsubscribe links
    /// of every mail) stops working. A new feed address and "sign out all links" both do this. The subscriber as now stored.
    /// </summary>
    public Task<Subscriber> RenewLinksAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        ChangeAsync(subscriber, s => s with { LinkGeneration = s.LinkGeneration + 1 }, cancellationToken);

    /// <summary>The full titles of the topics a subscriber chose, in the model's words.</summary>
    public IReadOnlyList<string> TopicTitles(Subscriber subscriber) => [.. subscriber.Topics.Select(topics.Title), .. subscriber.WatchQueries.Select(w => TopicCatalog.Watch(w).Title)];

    private Task<OutgoingMail> ConfirmationMailAsync(Subscriber subscriber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expires = now + PendingLifetime;
        var confirm = Link("api/subscriptions/confirm", signer.Create(LinkPurpose.Confirm, subscriber, expires));
        return templates.ConfirmationAsync(new ConfirmationContent(subscriber, TopicTitles(subscriber), confirm, expires, UnsubscribeUrl(subscriber)), cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored subscriber with a conditional write, re-reading after a concurrent
    /// one: saved preferences must not bring back a feed address that was just replaced, nor a rotation undo them.
    /// </summary>
    private async Task<Subscriber> ChangeAsync(Subscriber subscriber, Func<Subscriber, Subscriber> change, CancellationToken cancellationToken)
    {
        var current = subscriber;
        while (!await store.TrySaveAsync(change(current), cancellationToken).ConfigureAwait(false))
        {
            current = await store.GetAsync(subscriber.Id, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"subscriber {subscriber.Id} is no longer stored");
        }

        return (await store.GetAsync(subscriber.Id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The stored subscriber a genuine link names, if the link is of their current generation.</summary>
    private async Task<Subscriber?> CurrentAsync(SignedLink link, CancellationToken cancellationToken) =>
        await store.GetAsync(link.SubscriberId, cancellationToken).ConfigureAwait(false) is { } subscriber && subscriber.LinkGeneration == link.Generation
            ? subscriber
            : null;

    private Uri Link(string path, string token) => new(publicBaseUrl, $"{path}?token={Uri.EscapeDataString(token)}");
}
