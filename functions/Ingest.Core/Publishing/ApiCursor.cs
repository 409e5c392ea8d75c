using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Ingest.Core.Publishing;

/// <summary>
/// Where a page of the read API ended: the last item's time and key, in the order the API lists (newest first, then
/// by key). Opaque to callers (base64url), so it can change without breaking them; a cursor this API did not write is
/// refused rather than guessed at.
/// </summary>
public sealed record ApiCursor(DateTimeOffset At, string Key)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{Key}"));

    public static ApiCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 400)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks && parts[1].Length > 0
                ? new ApiCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether an item at <paramref name="at"/> with <paramref name="key"/> comes after this cursor in the API's order.</summary>
    public bool Precedes(DateTimeOffset at, string key) => at < At || (at == At && string.CompareOrdinal(key, Key) > 0);
}
