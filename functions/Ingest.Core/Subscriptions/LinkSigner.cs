using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ingest.Core.Subscriptions;

/// <summary>What a signed link lets its holder do.</summary>
public enum LinkPurpose
{
    Confirm,
    Unsubscribe,
    Preferences,

    /// <summary>A subscriber's private Atom feed: it does not expire, it names the feed's version instead (see <see cref="LinkSigner.CreateFeed"/>).</summary>
    Feed,
}

/// <summary>A genuine signed link: whose it is, and whether its time is up.</summary>
public sealed record SignedLink(string SubscriberId, bool Expired);

/// <summary>
/// Links that carry their own authority: <c>purpose.subscriber.expiry.signature</c>, the signature an HMAC-SHA256
/// with <c>SubscriptionSigningKey</c>. A link for one purpose or subscriber cannot be turned into another. A private
/// feed's link carries the feed's version where others carry an expiry: a feed reader polls it for years, and the
/// subscriber ends it by moving to a new version.
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

    public string Create(LinkPurpose purpose, string subscriberId, DateTimeOffset expires) =>
        purpose == LinkPurpose.Feed ? throw new ArgumentException("a feed link has a version, not an expiry", nameof(purpose)) : Sign(purpose, subscriberId, expires.ToUnixTimeSeconds());

    /// <summary>The token of version <paramref name="version"/> of a subscriber's private feed.</summary>
    public string CreateFeed(string subscriberId, int version) => Sign(LinkPurpose.Feed, subscriberId, version);

    /// <summary>The subscriber and feed version a genuine private-feed token names, or null when it is forged or made for another purpose.</summary>
    public (string SubscriberId, int Version)? CheckFeed(string? token) =>
        Parse(token, LinkPurpose.Feed) is { } link && link.Number <= int.MaxValue ? (link.SubscriberId, (int)link.Number) : null;

    /// <summary>The subscriber id the token was made for, or null when it is forged, for another purpose, or expired.</summary>
    public string? Verify(string? token, LinkPurpose purpose, DateTimeOffset now) =>
        Check(token, purpose, now) is { Expired: false } link ? link.SubscriberId : null;

    /// <summary>
    /// A genuine token's subscriber and whether it has expired (a page can then say so and offer a new one), or null
    /// when it is forged or made for another purpose.
    /// </summary>
    public SignedLink? Check(string? token, LinkPurpose purpose, DateTimeOffset now) =>
        purpose != LinkPurpose.Feed && Parse(token, purpose) is { } link ? new SignedLink(link.SubscriberId, now.ToUnixTimeSeconds() > link.Number) : null;

    private string Sign(LinkPurpose purpose, string subscriberId, long number)
    {
        var payload = $"{Code(purpose)}.{subscriberId}.{number.ToString(CultureInfo.InvariantCulture)}";
        return payload + "." + Signature(payload);
    }

    /// <summary>The subscriber and number (expiry or version) of a token signed for <paramref name="purpose"/>.</summary>
    private (string SubscriberId, long Number)? Parse(string? token, LinkPurpose purpose)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 4 || parts[0] != Code(purpose) || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(string.Join('.', parts[..3])));
        var given = Encoding.ASCII.GetBytes(parts[3]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? (parts[1], number) : null;
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
