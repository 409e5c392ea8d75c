using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Deliveries;

/// <summary>
/// Writes the mail every kind of hits mail is (digest, alert, breaking): what <see cref="DigestComposer"/> decides,
/// with the subscriber's own links and the short names of the topics and their watches, laid out by <see cref="IMailTemplates"/>.
/// </summary>
public sealed class DigestWriter(IMailTemplates templates, SubscriptionService subscriptions, TopicCatalog topics)
{
    /// <param name="reword">Changes what the mail says before it is laid out (a breaking mail's subject and lead).</param>
    /// <returns>Null when there is nothing to tell.</returns>
    public async Task<OutgoingMail?> WriteAsync(Subscriber subscriber, DigestPeriod period, IReadOnlyList<StoredHit> hits, CancellationToken cancellationToken, Func<DigestContent, DigestContent>? reword = null)
    {
        var content = DigestComposer.Compose(subscriber, period, hits, topics.ShortNamesFor(subscriber), subscriptions.UnsubscribeUrl(subscriber), subscriptions.PreferencesUrl(subscriber));
        return content is null ? null : await templates.DigestAsync(reword is null ? content : reword(content), cancellationToken).ConfigureAwait(false);
    }
}
