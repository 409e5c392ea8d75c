using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.Core.Model;
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
            ["Smtp__Port"] = Maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
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
        await new SubscriberTable(Service.Account.GetTableClient(StorageLayout.Subscribers)).GetAsync(ServiceUnderTest.Ids.For(email), CancellationToken.None)
        ?? throw new InvalidOperationException($"no subscriber {email}");

    /// <summary>Opens a confirmation link as a person does: the GET shows a button (and confirms nothing), the button POSTs.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient http, ReceivedMail mail)
    {
        var link = ConfirmLink().Match(mail.Text!).Value;
        var page = await http.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != System.Net.HttpStatusCode.OK || !html.Contains("<form method=\"post\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the confirmation page has no button ({(int)page.StatusCode}): {html}");
        }

        return await http.PostAsync(link, null);
    }

    /// <summary>The confirmation link in a mail's text, where links are written <c>text &lt;url&gt;</c>.</summary>
    [GeneratedRegex(@"http://localhost:\d+/api/subscriptions/confirm\?token=[^\s>]+")]
    public static partial Regex ConfirmLink();
}
