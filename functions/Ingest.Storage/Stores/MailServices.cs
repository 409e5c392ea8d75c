using Ingest.Core.Digests;
using Ingest.Core.Mail;
using Ingest.Core.Settings;
using Ingest.Core.Subscriptions;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Stores;

/// <summary>Subscriptions and mail, built from the app settings (<c>PublicBaseUrl</c>, <c>SubscriptionSigningKey</c>, <c>Smtp__*</c>).</summary>
public sealed class MailServices
{
    public MailServices(IConfiguration settings, PollingServices polling, TimeProvider timeProvider)
    {
        var account = polling.Account;
        Subscribers = new SubscriberTable(account.GetTableClient(StorageLayout.Subscribers));
        Outbox = new EmailQueue(account.GetQueueClient(StorageLayout.Emails));
        Signer = new LinkSigner(MailSettings.ReadSigningKey(settings));
        PublicBaseUrl = MailSettings.ReadPublicBaseUrl(settings);
        Subscriptions = new SubscriptionService(Subscribers, new SubscriptionRequestQueue(account.GetQueueClient(StorageLayout.SubscriptionRequests)), Outbox, Signer, PublicBaseUrl, timeProvider);
        Sender = new SmtpMailSender(MailSettings.ReadSmtp(settings));
        var topicTitles = polling.Matcher.Model.Topics.ToDictionary(t => t.Id, t => t.ShortName);
        Digests = new DigestSender(
            Subscribers,
            new HitTable(account.GetTableClient(StorageLayout.Hits)),
            new DeliveryTable(account.GetTableClient(StorageLayout.Deliveries)),
            Sender,
            Subscriptions,
            topicTitles,
            timeProvider);
        Alerts = new AlertSender(Subscribers, new DeliveryTable(account.GetTableClient(StorageLayout.Deliveries)), Sender, Subscriptions, topicTitles, timeProvider);
        Scheduler = new DigestScheduler(Subscribers, new DigestQueue(account.GetQueueClient(StorageLayout.Digests)), timeProvider);
    }

    public DigestSender Digests { get; }

    public DigestScheduler Scheduler { get; }

    public AlertSender Alerts { get; }

    public ISubscriberStore Subscribers { get; }

    public IMailOutbox Outbox { get; }

    public LinkSigner Signer { get; }

    public Uri PublicBaseUrl { get; }

    public SubscriptionService Subscriptions { get; }

    public IMailSender Sender { get; }
}
