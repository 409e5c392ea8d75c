using Ingest.Core.Mail;
using Ingest.Core.Settings;
using Ingest.Core.Subscriptions;
using Ingest.Storage.Accounts;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Stores;

/// <summary>Subscriptions and mail, built from the app settings (<c>PublicBaseUrl</c>, <c>SubscriptionSigningKey</c>, <c>Smtp__*</c>).</summary>
public sealed class MailServices
{
    public MailServices(IConfiguration settings, StorageAccount account, TimeProvider timeProvider)
    {
        Subscribers = new SubscriberTable(account.GetTableClient(StorageLayout.Subscribers));
        Outbox = new EmailQueue(account.GetQueueClient(StorageLayout.Emails));
        Signer = new LinkSigner(settings["SubscriptionSigningKey"] ?? "");
        PublicBaseUrl = MailSettings.ReadPublicBaseUrl(settings);
        Subscriptions = new SubscriptionService(Subscribers, Outbox, Signer, PublicBaseUrl, timeProvider);
        Sender = new SmtpMailSender(MailSettings.ReadSmtp(settings));
    }

    public ISubscriberStore Subscribers { get; }

    public IMailOutbox Outbox { get; }

    public LinkSigner Signer { get; }

    public Uri PublicBaseUrl { get; }

    public SubscriptionService Subscriptions { get; }

    public IMailSender Sender { get; }
}
