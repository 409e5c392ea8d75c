using Ingest.Core.Deliveries;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Topics;
using Ingest.Testing.Fakes;

namespace Ingest.Views.Tests;

/// <summary>
/// What every <see cref="IMailTemplates"/> keeps of what a mail says, the Razor templates and the plain fake alike:
/// the recipient, the subject, the unsubscribe address, the id a resent digest is known by, every entry's title in
/// the text, and the confirm link.
/// </summary>
public abstract class MailTemplatesContract
{
    private static readonly Subscriber Reader = new("s1", "reader@example.org", SubscriberStatus.Active, ["kfor"], Frequency.Daily, 7, "Europe/Belgrade", DayOfWeek.Monday, null, DateTimeOffset.UnixEpoch);
    private static readonly DigestPeriod Period = new("s1", "d-2026-11-22", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
    private static readonly Uri Unsubscribe = new("https://ingest.example/api/subscriptions/unsubscribe?token=u.s1.1.sig");

    protected abstract IMailTemplates Templates { get; }

    [Fact]
    public async Task A_digest_keeps_its_recipient_subject_id_unsubscribe_address_and_entries()
    {
        StoredHit Hit(string key, string title) => new("kfor", key, title, $"https://news.example/{key}", "wire", Period.Start.AddHours(3), 9, [new MatchedTerm("KFOR", 1)], null);
        var content = DigestComposer.Compose(Reader, Period, [Hit("k1", "KFOR patrols the north"), Hit("k2", "Jarinje crossing reopens")], new Dictionary<string, string> { ["kfor"] = "KFOR" }, Unsubscribe)!;

        var mail = await Templates.DigestAsync(content, CancellationToken.None);

        Assert.Equal(("reader@example.org", content.Subject, Unsubscribe, "digest.s1.d-2026-11-22@ingest"), (mail.To, mail.Subject, mail.UnsubscribeUrl, mail.MessageId));
        Assert.Contains("KFOR patrols the north", mail.Text);
        Assert.Contains("Jarinje crossing reopens", mail.Text);
    }

    [Fact]
    public async Task A_confirmation_goes_to_the_subscriber_with_the_confirm_link()
    {
        var confirm = new Uri("https://ingest.example/api/subscriptions/confirm?token=c.s1.1.sig");

        var mail = await Templates.ConfirmationAsync(new ConfirmationContent(Reader with { Status = SubscriberStatus.Pending }, ["KFOR and security in Kosovo"], confirm, DateTimeOffset.UnixEpoch.AddDays(7), Unsubscribe), CancellationToken.None);

        Assert.Equal(("reader@example.org", Unsubscribe), (mail.To, mail.UnsubscribeUrl));
        Assert.Contains(confirm.AbsoluteUri, mail.Text);
    }
}

public sealed class RazorMailTemplatesContractTests : MailTemplatesContract
{
    protected override IMailTemplates Templates => Views.Mail;
}

public sealed class PlainMailTemplatesContractTests : MailTemplatesContract
{
    protected override IMailTemplates Templates { get; } = new PlainMailTemplates();
}
