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
}

/// <summary>A genuine signed link: whose it is, and whether its time is up.</summary>
public sealed record SignedLink(string SubscriberId, bool Expired);

/// <summary>
/// Links that carry their own authority: <c>purpose.subscriber.expiry.signature</c>, the signature an HMAC-SHA256
/// with <c>SubscriptionSigningKey</c>. A link for one purpose or subscriber cannot be turned into another.
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

    public string Create(LinkPurpose purpose, string subscriberId, DateTimeOffset expires)
    {
        var payload = $"{Code(purpose)}.{subscriberId}.{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return payload + "." + Signature(payload);
    }

    /// <summary>The subscriber id the token was made for, or null when it is forged, for another purpose, or expired.</summary>
    public string? Verify(string? token, LinkPurpose purpose, DateTimeOffset now) =>
        Check(token, purpose, now) is { Expired: false } link ? link.SubscriberId : null;

    /// <summary>
    /// A genuine token's subscriber and whether it has expired (a page can then say so and offer a new one), or null
    /// when it is forged or made for another purpose.
    /// </summary>
    public SignedLink? Check(string? token, LinkPurpose purpose, DateTimeOffset now)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 4 || parts[0] != Code(purpose) || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(string.Join('.', parts[..3])));
        var given = Encoding.ASCII.GetBytes(parts[3]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? new SignedLink(parts[1], now.ToUnixTimeSeconds() > expires) : null;
    }

    private string Signature(string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Code(LinkPurpose purpose) => purpose switch
    {
        LinkPurpose.Confirm => "c",
        LinkPurpose.Unsubscribe => "u",
        _ => "p",
    };
}
