namespace Ingest.Core.Model;

/// <summary>
/// The queues Ingest keeps, named once: the queue triggers, the writers and the storage layout all read these. Each
/// queue holds one record (<see cref="IQueueMessage"/>) as JSON; a message the host gave up on waits in
/// <see cref="Poison"/> for an operator.
/// </summary>
public static class QueueNames
{
    /// <summary><see cref="Polling.PollRequest"/>: one feed to poll.</summary>
    public const string FeedPolls = "feed-polls";

    /// <summary><see cref="DigestPeriod"/>: one subscriber's digest for one period.</summary>
    public const string Digests = "digests";

    /// <summary><see cref="AlertBatch"/>: one poll's new hits, for subscribers who want them as they happen.</summary>
    public const string Alerts = "alerts";

    /// <summary><see cref="Mail.OutgoingMail"/>: a confirmation mail to send.</summary>
    public const string Emails = "emails";

    /// <summary><see cref="Subscriber"/> (pending): a valid subscribe request, handled after its answer.</summary>
    public const string SubscriptionRequests = "subscription-requests";

    /// <summary><see cref="Stories.Spike"/>: a topic's spike that started, for its breaking-news subscribers.</summary>
    public const string Breaking = "breaking";

    public static IReadOnlyList<string> All { get; } = [FeedPolls, Digests, Alerts, Emails, SubscriptionRequests, Breaking];

    /// <summary>Where the Functions host moves a message after its last failed try.</summary>
    public static string Poison(string queue) => queue + "-poison";
}
