using System.Security.Cryptography;
using System.Text;

namespace Ingest.Core.Subscriptions;

/// <summary>
/// A subscriber's id: a keyed hash (HMAC-SHA256, with a key derived from <c>SubscriptionSigningKey</c>) of the
/// normalised address, so the table never needs the address as a key, and an id seen in a link, a log or the status
/// document cannot be matched to a guessed address by anyone without the key.
/// </summary>
public sealed class SubscriberIds
{
    private readonly byte[] _key;

    public SubscriberIds(string signingKey) =>
        // Its own key, derived for this one use: an id is never a signature that a link could reuse.
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), "ingest subscriber ids"u8);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public string For(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(NormalizeEmail(email))))[..32];
}
