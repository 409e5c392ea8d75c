using System.Text;
using Ingest.Core.Pushes;

namespace Ingest.Core.Tests.Pushes;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Sent = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"e-1.a-1\",\"subject\":\"KFOR\"}");

    [Fact]
    public void A_receiver_with_the_secret_verifies_the_body_it_was_sent()
    {
        var header = WebhookSignature.Sign("whsec_one", Sent, Body);

        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify("whsec_one", header, Body, Sent.AddSeconds(3)));
    }

    [Fact]
    public void A_changed_body_another_secret_an_old_signature_or_garbage_does_not_verify()
    {
        var header = WebhookSignature.Sign("whsec_one", Sent, Body);
        var changed = Encoding.UTF8.GetBytes("{\"id\":\"e-1.a-1\",\"subject\":\"KFOX\"}");

        Assert.False(WebhookSignature.Verify("whsec_one", header, changed, Sent));
        Assert.False(WebhookSignature.Verify("whsec_two", header, Body, Sent));
        Assert.False(WebhookSignature.Verify("whsec_one", header, Body, Sent + WebhookSignature.Tolerance + TimeSpan.FromSeconds(1)));
        Assert.False(WebhookSignature.Verify("whsec_one", "t=abc,v1=zz", Body, Sent));
        Assert.False(WebhookSignature.Verify("whsec_one", $"t=99999999999999999999,v1={new string('0', 64)}", Body, Sent));
        Assert.False(WebhookSignature.Verify("whsec_one", null, Body, Sent));
    }

    [Fact]
    public void Every_new_secret_is_different_and_says_what_it_is()
    {
        var secrets = Enumerable.Range(0, 20).Select(_ => WebhookSignature.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches("^whsec_[0-9a-f]{64}$", s));
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }
}
