using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ingest.Core.Model;

namespace Ingest.Core.Subscriptions;

/// <summary>What a signed link lets its holder do.</summary>
public enum LinkPurpose
{
    Confirm,
    Unsubscribe,
    Preferences,

    /// <summary>A subscriber's private Atom feed: it does not expire (see <see cref="LinkSigner.CreateFeed"/>).</summary>
    Feed,
}

/// <summary>A genuine signed link: whose it is, the link generation it was made in, and whether its time is up.</summary>
public sealed record SignedLink(string SubscriberId, int Generation, bool Expired);

/// <summary>
/// Links that carry their own authority: <c>purpose.subscriber.generation.expiry.signature</c>, the signature an
/// HMAC-SHA256 with <c>SubscriptionSigningKey</c>. A link for one purpose or subscriber cannot be turned into another.
/// Every link names the subscriber's link generation, so raising it (a new feed address, "sign out all links", a new
/// subscription of the same address) ends every earlier link at once. A private feed's link never expires (a feed
/// reader polls it for years): its expiry is 0.
/// </summary>
public sealed class LinkSigner
{
    private readonly byte[] _key;

    public LinkSigner(string signingKey)
    {
        if (string.IsNullOrWhiteSpace(signingKey) || signingKey.Length < 16)
        {
            throw new InvalidOperationException("SubscriptionSigningKey must be set to a secret of at least 16 characters.");
        }

        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    public string Create(LinkPurpose purpose, Subscriber subscriber, DateTimeOffset expires) => Create(purpose, subscriber.Id, subscriber.LinkGeneration, expires);

    public string Create(LinkPurpose purpose, string subscriberId, int generation, DateTimeOffset expires) =>
        purpose == LinkPurpose.Feed ? throw new ArgumentException("a feed link does not expire", nameof(purpose)) : Sign(purpose, subscriberId, generation, expires.ToUnixTimeSeconds());

    /// <summary>The token of a subscriber's private feed in their current link generation.</summary>
    public string CreateFeed(Subscriber subscriber) => CreateFeed(subscriber.Id, subscriber.LinkGeneration);

    public string CreateFeed(string subscriberId, int generation) => Sign(LinkPurpose.Feed, subscriberId, generation, 0);

    /// <summary>
    /// A genuine token's subscriber, generation and whether it has expired (a page can then say so and offer a new
    /// one), or null when it is forged or made for another purpose. Whether its generation is still the subscriber's
    /// is for the caller, who has the stored subscriber.
    /// </summary>
    public SignedLink? Check(string? token, LinkPurpose purpose, DateTimeOffset now)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 5 || parts[0] != Code(purpose)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(string.Join('.', parts[..4])));
        var given = Encoding.ASCII.GetBytes(parts[4]);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? new SignedLink(parts[1], generation, purpose != LinkPurpose.Feed && now.ToUnixTimeSeconds() > expiry)
            : null;
    }

    private string Sign(LinkPurpose purpose, string subscriberId, int generation, long expiry)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{Code(purpose)}.{subscriberId}.{generation}.{expiry}");
        return payload + "." + Signature(payload);
    }

    private string Signature(string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Code(LinkPurpose purpose) => purpose switch
    {
        LinkPurpose.Confirm => "c",
        LinkPurpose.Unsubscribe => "u",
        LinkPurpose.Feed => "f",
        _ => "p",
    };
}
