using Ingest.Core.Mail;

namespace Ingest.Core.Tests.Mail;

public sealed class MailRetryPolicyTests
{
    private static readonly DateTimeOffset Outage = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tries_wait_longer_each_time_up_to_the_cap()
    {
        var policy = new MailRetryPolicy();

        var delays = Enumerable.Range(1, 8).Select(n => policy.Next(n, Outage, Outage.AddMinutes(n))!.Value.TotalSeconds).ToList();

        Assert.Equal([30, 60, 120, 240, 480, 900, 900, 900], delays);
    }

    [Fact]
    public void A_ten_minute_outage_is_ridden_out_and_the_mail_goes_within_one_cap_of_the_server_returning()
    {
        var policy = new MailRetryPolicy();
        var back = Outage.AddMinutes(10);

        // Every try while the server is away fails and sets the next; the first try after it is back sends.
        var at = Outage;
        var attempts = 0;
        while (at < back)
        {
            attempts++;
            var delay = policy.Next(attempts, Outage, at);
            Assert.NotNull(delay);
            at += delay.Value;
        }

        Assert.InRange(at - back, TimeSpan.Zero, policy.MaxDelay);
    }

    [Fact]
    public void Past_the_window_there_is_no_next_try()
    {
        var policy = new MailRetryPolicy { Window = TimeSpan.FromHours(24) };

        Assert.NotNull(policy.Next(40, Outage, Outage.AddHours(23)));
        Assert.Null(policy.Next(41, Outage, Outage.AddHours(24)));
    }

    [Theory]
    [InlineData("5.1.1 <left@newsroom.example>: Recipient address rejected", "5.1.1 <(address)>: Recipient address rejected")]
    [InlineData("the server did not take the mail to Ana.Petrović@mail.example.rs (timeout)", "the server did not take the mail to (address) (timeout)")]
    [InlineData("connection refused", "connection refused")]
    public void A_servers_refusal_keeps_no_address(string error, string redacted) =>
        Assert.Equal(redacted, MailAddresses.Redact(error));
}
