using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Core.Tests.Subscriptions;

/// <summary>Signed links: each opens only what it was made for, and every one names its subscriber's link generation.</summary>
public sealed class LinkSignerTests
{
    private static readonly LinkSigner Signer = new("link-signer-tests-key-0123456789");
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Subscriber Reader = new("sub123", "reader@example.org", SubscriberStatus.Active, ["kfor"], Frequency.Daily, 7, "UTC", DayOfWeek.Monday, null, Now, LinkGeneration: 4);

    [Fact]
    public void A_feed_token_names_its_subscriber_and_generation_never_expires_and_opens_nothing_else()
    {
        var token = Signer.CreateFeed(Reader);

        Assert.Equal(new SignedLink("sub123", 4, Expired: false), Signer.Check(token, LinkPurpose.Feed, Now.AddYears(30)));
        Assert.Null(Signer.Check(token, LinkPurpose.Preferences, Now));
        Assert.Null(Signer.Check(Signer.Create(LinkPurpose.Preferences, Reader, Now.AddDays(1)), LinkPurpose.Feed, Now));
    }

    [Fact]
    public void Every_link_names_the_generation_it_was_made_in_and_expires_when_its_time_is_up()
    {
        var preferences = Signer.Create(LinkPurpose.Preferences, Reader with { LinkGeneration = 7 }, Now.AddDays(1));

        Assert.Equal(new SignedLink("sub123", 7, Expired: false), Signer.Check(preferences, LinkPurpose.Preferences, Now));
        Assert.True(Signer.Check(preferences, LinkPurpose.Preferences, Now.AddDays(2))!.Expired);
    }

    [Theory]
    [InlineData("f.sub123.5.0.")]
    [InlineData("f.sub124.4.0.")]
    [InlineData("f.sub123.4.1.")]
    [InlineData("")]
    [InlineData("f.sub123.4.0")]
    public void A_changed_or_truncated_token_is_refused(string tampered)
    {
        var genuine = Signer.CreateFeed(Reader);
        var token = tampered.EndsWith('.') ? tampered + genuine.Split('.')[4] : tampered;

        Assert.Null(Signer.Check(token, LinkPurpose.Feed, Now));
    }

    [Fact]
    public void Another_key_makes_tokens_this_service_refuses()
    {
        Assert.Null(Signer.Check(new LinkSigner("some-other-key-0123456789abcdef").CreateFeed(Reader), LinkPurpose.Feed, Now));
        Assert.Throws<ArgumentException>(() => Signer.Create(LinkPurpose.Feed, Reader, Now));
    }

    [Fact]
    public void A_subscriber_id_is_keyed_so_an_address_cannot_be_checked_against_it_without_the_key()
    {
        var ids = new SubscriberIds("link-signer-tests-key-0123456789");
        var unsalted = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("reader@example.org"u8))[..32];

        Assert.Equal(ids.For("reader@example.org"), ids.For("  Reader@Example.ORG "));
        Assert.NotEqual(unsalted, ids.For("reader@example.org"));
        Assert.NotEqual(ids.For("reader@example.org"), new SubscriberIds("some-other-key-0123456789abcdef").For("reader@example.org"));
        Assert.Matches("^[0-9a-f]{32}$", ids.For("reader@example.org"));
    }
}
