using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Views.Tests;

public sealed class ConfirmationMailTests
{
    private static readonly Uri Confirm = new("https://ingest.example/api/subscriptions/confirm?token=c.s1.1.sig");
    private static readonly Uri Unsubscribe = new("https://ingest.example/api/subscriptions/unsubscribe?token=u.s1.1.sig");

    private static Task<OutgoingMail> RenderAsync(Subscriber subscriber) =>
        Views.Mail.ConfirmationAsync(new ConfirmationContent(subscriber, ["KFOR and the security of northern Kosovo", "Arms deals in the region"], Confirm, new DateTimeOffset(2026, 12, 9, 20, 0, 0, TimeSpan.Zero), Unsubscribe), CancellationToken.None);

    [Fact]
    public async Task It_names_the_topics_by_title_says_how_often_and_when_and_carries_the_one_link()
    {
        var weekly = new Subscriber("s1", "analyst@example.org", SubscriberStatus.Pending, ["kfor", "arms"], Frequency.Weekly, 18, "Europe/Belgrade", DayOfWeek.Friday, SubscriptionForm.BestOnlyScore, DateTimeOffset.UnixEpoch);

        var mail = await RenderAsync(weekly);

        Assert.Equal("Confirm your Ingest subscription", mail.Subject);
        Assert.Contains("* KFOR and the security of northern Kosovo", mail.Text);
        Assert.Contains("* Arms deals in the region", mail.Text);
        Assert.Contains("A weekly digest on Fridays at 18:00 (Europe/Belgrade time)", mail.Text);
        Assert.Contains("Only the best matches (score 12 or more)", mail.Text);
        Assert.Contains($"Confirm the subscription <{Confirm.AbsoluteUri}>", mail.Text);
        Assert.Contains("The link works until 9 December 2026 20:00 UTC.", mail.Text);
        Assert.Contains($"href=\"{Confirm.AbsoluteUri}\"", mail.Html);
        Assert.DoesNotContain("kfor, arms", mail.Text);
        Assert.Equal(Unsubscribe, mail.UnsubscribeUrl);
    }

    [Fact]
    public async Task Immediate_subscribers_are_told_they_get_alerts_not_a_time_of_day()
    {
        var immediate = new Subscriber("s1", "analyst@example.org", SubscriberStatus.Pending, ["kfor"], Frequency.Immediate, 7, "UTC", DayOfWeek.Monday, null, DateTimeOffset.UnixEpoch);

        var mail = await RenderAsync(immediate);

        Assert.Contains("An alert as soon as Ingest finds a matching article", mail.Text);
        Assert.Contains("Every article that matches", mail.Text);
        Assert.DoesNotContain("07:00", mail.Text);
    }
}
