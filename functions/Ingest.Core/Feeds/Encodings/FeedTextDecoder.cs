using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Core.Feeds.Encodings;

/// <summary>Text decoded from a feed's bytes, with how the encoding was chosen when that was not clear-cut.</summary>
public sealed record DecodedText(string Text, Encoding Encoding, IReadOnlyList<string> Warnings);

/// <summary>The encoding to read a feed's bytes with, after a byte-order mark of <see cref="BomLength"/> bytes.</summary>
public sealed record DetectedEncoding(Encoding Encoding, int BomLength, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns a feed's bytes into text. A byte-order mark wins; then the HTTP charset, then the XML declaration
/// (RFC 7303's order). Balkan sites still serve windows-1250/1251 and ISO-8859-2/5, which the code-pages
/// provider supplies. Labels that lie are caught: bytes labelled as a single-byte code page that are in
/// fact multi-byte UTF-8 are read as UTF-8, and bytes labelled UTF-8 that are not are read as windows-1250.
/// A document that is UTF-8 but for a few bad bytes stays UTF-8, the bad bytes replaced: one stray byte must
/// not turn every "č" and every Cyrillic word of a feed into mojibake.
/// </summary>
public static partial class FeedTextDecoder
{
    /// <summary>Invalid sequences become U+FFFD; <see cref="Detect"/> only picks UTF-8 when there are none or few.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    static FeedTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? httpCharset = null)
    {
        var detected = Detect(bytes, httpCharset);
        return new DecodedText(detected.Encoding.GetString(bytes[detected.BomLength..]), detected.Encoding, detected.Warnings);
    }

    /// <summary>Chooses the encoding without decoding anything, so a reader can decode the bytes as it streams them.</summary>
    public static DetectedEncoding Detect(ReadOnlySpan<byte> bytes, string? httpCharset = null)
    {
        var warnings = new List<string>();
        if (Bom(bytes) is { } bom)
        {
            return new DetectedEncoding(bom.Encoding, bom.Length, warnings);
        }

        var http = Lookup(httpCharset, "HTTP charset", warnings);
        var declared = Lookup(XmlDeclaredEncoding(bytes), "XML declaration", warnings);
        if (http is not null && declared is not null && http.CodePage != declared.CodePage)
        {
            warnings.Add($"HTTP charset {http.WebName} and XML declaration {declared.WebName} disagree; using {http.WebName}");
        }

        var chosen = http ?? declared ?? Encoding.UTF8;
        if (chosen is UTF8Encoding || chosen.CodePage == Encoding.UTF8.CodePage)
        {
            if (IsUtf8(bytes))
            {
                return new DetectedEncoding(Utf8, 0, warnings);
            }

            if (MostlyUtf8(bytes) is { } invalid)
            {
                warnings.Add($"text is UTF-8 but for {invalid} invalid byte sequence(s), replaced with U+FFFD");
                return new DetectedEncoding(Utf8, 0, warnings);
            }

            warnings.Add("text is not valid UTF-8; decoded as windows-1250");
            return new DetectedEncoding(Encoding.GetEncoding("windows-1250"), 0, warnings);
        }

        if (chosen.IsSingleByte && HasMultiByteUtf8(bytes))
        {
            warnings.Add($"labelled {chosen.WebName} but is UTF-8; decoded as UTF-8");
            return new DetectedEncoding(Utf8, 0, warnings);
        }

        return new DetectedEncoding(chosen, 0, warnings);
    }

    private static (Encoding Encoding, int Length)? Bom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => null,
    };

    private static Encoding? Lookup(string? name, string source, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim().Trim('"', '\'');
        try
        {
            // Sites that say latin1 nearly always mean windows-1252, as browsers assume.
            return trimmed.ToLowerInvariant() is "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii"
                ? Encoding.GetEncoding("windows-1252")
                : Encoding.GetEncoding(trimmed);
        }
        catch (ArgumentException)
        {
            warnings.Add($"{source} names unknown encoding '{trimmed}'");
            return null;
        }
    }

    private static string? XmlDeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 256)]);
        var match = DeclarationEncoding().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>
    /// The number of invalid sequences when the bytes read as UTF-8 with at most one invalid sequence per ten valid
    /// multi-byte characters; null when they look like a single-byte code page (whose letters are mostly invalid UTF-8).
    /// </summary>
    private static int? MostlyUtf8(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0;
        while (bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) is var next and >= 0)
        {
            bytes = bytes[next..];
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                valid++;
            }
            else
            {
                invalid++;
            }

            bytes = bytes[Math.Max(consumed, 1)..];
        }

        return valid >= 10 * invalid ? invalid : null;
    }

    private static bool HasMultiByteUtf8(ReadOnlySpan<byte> bytes) => bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F) && IsUtf8(bytes);

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']([A-Za-z0-9._:\-]+)[""']")]
    private static partial Regex DeclarationEncoding();
}
