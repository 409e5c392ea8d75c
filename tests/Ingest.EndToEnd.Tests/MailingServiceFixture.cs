using System.Text.RegularExpressions;
using Ingest.Core.Subscriptions;
using Ingest.Storage;
using Ingest.Storage.Stores;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>The service with a real SMTP server (maildev), shared by a test class whose tests use addresses of their own.</summary>
public sealed partial class MailingServiceFixture : IAsyncLifetime
{
    public MaildevServer Maildev { get; private set; } = null!;

    public ServiceUnderTest Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Maildev = await MaildevServer.StartAsync();
        Service = await ServiceUnderTest.StartAsync([("wire", "/wire.xml", false)], _ => { }, settings: new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = Maildev.SmtpPort.ToString(),
            ["Smtp__From"] = "Ingest <ingest@ingest.test>",
        });
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Maildev.Dispose();
    }

    /// <summary>The <paramref name="count"/>th mail to <paramref name="address"/>, once maildev has it.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string address, int count = 1)
    {
        IReadOnlyList<ReceivedMail> mails = [];
        await Service.WaitForAsync(async () => (mails = await Maildev.MailsToAsync(address)).Count >= count, $"mail {count} to {address}");
        return mails[count - 1];
    }

    public async Task<Subscriber> SubscriberAsync(string email) =>
        await new SubscriberTable(Service.Account.GetTableClient(StorageLayout.Subscribers)).GetAsync(SubscriberIds.For(email), CancellationToken.None)
        ?? throw new InvalidOperationException($"no subscriber {email}");

    /// <summary>The confirmation link in a mail's text.</summary>
    [GeneratedRegex(@"http://localhost:\d+/api/subscriptions/confirm\?token=\S+")]
    public static partial Regex ConfirmLink();
}
