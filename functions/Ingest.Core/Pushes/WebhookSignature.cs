using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ingest.Core.Pushes;

/// <summary>
/// How a generic webhook's delivery is signed, as Stripe and GitHub sign theirs: the header
/// <c>Ingest-Signature: t=UNIX-SECONDS,v1=HEX</c>, where HEX is HMAC-SHA256 with the endpoint's secret over
/// <c>t + "." + body</c>. A receiver recomputes it, compares in constant time, and refuses a <c>t</c> far from its clock,
/// so a captured delivery cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Ingest-Signature";

    /// <summary>The delivery's id, also the body's <c>id</c>: the same on every try, for a receiver to drop repeats.</summary>
    public const string DeliveryHeader = "Ingest-Delivery";

    /// <summary>How far from the receiver's clock a signature's time may be for <see cref="Verify"/>.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>A new secret: 32 random bytes, hex, with a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var seconds = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={seconds},v1={Convert.ToHexStringLower(Mac(secret, seconds, body))}";
    }

    /// <summary>What a receiver does: true when <paramref name="header"/> signs <paramref name="body"/> with the secret, recently.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var parts = (header ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0].Trim(), p => p[1].Trim());
        if (!long.TryParse(parts["t"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Duration() > Tolerance)
        {
            return false;
        }

        var expected = Mac(secret, seconds.ToString(CultureInfo.InvariantCulture), body);
        return parts["v1"].Any(v => v.Length == expected.Length * 2 && v.All(Uri.IsHexDigit) && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(v), expected));
    }

    private static byte[] Mac(string secret, string seconds, ReadOnlySpan<byte> body)
    {
        var signed = new byte[seconds.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(seconds, signed);
        signed[seconds.Length] = (byte)'.';
        body.CopyTo(signed.AsSpan(seconds.Length + 1));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
