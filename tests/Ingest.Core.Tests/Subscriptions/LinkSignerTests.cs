using Ingest.Core.Subscriptions;

namespace Ingest.Core.Tests.Subscriptions;

/// <summary>Signed links: each opens only what it was made for, and a private feed's link names its version.</summary>
public sealed class LinkSignerTests
{
    private static readonly LinkSigner Signer = new("link-signer-tests-key-0123456789");
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_feed_token_names_its_subscriber_and_version_and_opens_nothing_else()
    {
        var token = Signer.CreateFeed("sub123", 4);

        Assert.Equal(("sub123", 4), Signer.CheckFeed(token));
        Assert.Null(Signer.Check(token, LinkPurpose.Preferences, Now));
        Assert.Null(Signer.Check(token, LinkPurpose.Feed, Now));
        Assert.Null(Signer.CheckFeed(Signer.Create(LinkPurpose.Preferences, "sub123", Now.AddDays(1))));
    }

    [Theory]
    [InlineData("f.sub123.5.")]
    [InlineData("f.sub124.4.")]
    [InlineData("")]
    [InlineData("f.sub123.4")]
    public void A_changed_or_truncated_feed_token_is_refused(string tampered)
    {
        var genuine = Signer.CreateFeed("sub123", 4);
        var token = tampered.EndsWith('.') ? tampered + genuine.Split('.')[3] : tampered;

        Assert.Null(Signer.CheckFeed(token));
    }

    [Fact]
    public void Another_key_makes_tokens_this_service_refuses()
    {
        Assert.Null(Signer.CheckFeed(new LinkSigner("some-other-key-0123456789abcdef").CreateFeed("sub123", 0)));
        Assert.Throws<ArgumentException>(() => Signer.Create(LinkPurpose.Feed, "sub123", Now));
    }
}
