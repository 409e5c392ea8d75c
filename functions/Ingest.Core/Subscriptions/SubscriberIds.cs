using System.Security.Cryptography;
using System.Text;

namespace Ingest.Core.Subscriptions;

/// <summary>A subscriber's id: a hash of the normalised address, so the table never needs the address as a key.</summary>
public static class SubscriberIds
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string For(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeEmail(email))))[..32];
}
