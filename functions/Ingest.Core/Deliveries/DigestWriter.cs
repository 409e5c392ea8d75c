using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Deliveries;

/// <summary>
/// Writes what every kind of hits delivery (digest, alert, breaking) says: what <see cref="DigestComposer"/> decides,
/// with the subscriber's own links and the short names of the topics and their watches; as a mail, laid out by
/// <see cref="IMailTemplates"/>.
/// </summary>
public sealed class DigestWriter(IMailTemplates templates, SubscriptionService subscriptions, TopicCatalog topics)
{
    /// <param name="reword">Changes what is said before it is laid out (a breaking mail's subject and lead).</param>
    /// <returns>Null when there is nothing to tell.</returns>
    public DigestContent? Compose(Subscriber subscriber, DigestPeriod period, IReadOnlyList<StoredHit> hits, Func<DigestContent, DigestContent>? reword = null)
    {
        var content = DigestComposer.Compose(subscriber, period, hits, topics.ShortNamesFor(subscriber), subscriptions.UnsubscribeUrl(subscriber), subscriptions.PreferencesUrl(subscriber));
        return content is null || reword is null ? content : reword(content);
    }

    public Task<OutgoingMail> LayOutAsync(DigestContent content, CancellationToken cancellationToken) => templates.DigestAsync(content, cancellationToken);
}
