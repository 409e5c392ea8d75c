using System.Buffers;
using System.Xml;
using Ingest.Core.Feeds.Encodings;
using Ingest.Core.Feeds.Json;
using Ingest.Core.Feeds.Xml;

namespace Ingest.Core.Feeds;

/// <summary>
/// Reads any feed Ingest supports — RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x — telling the format from
/// the content alone. XML is read as it is decoded, straight into the model. Never hangs and never throws
/// anything but <see cref="FeedParseException"/>.
/// </summary>
public static class FeedParser
{
    /// <summary>Characters looked at before the XML reader starts: enough for the prolog of nearly every feed.</summary>
    private const int HeadChars = 1024;

    /// <summary>How far junk, comments and a DOCTYPE before the root may reach.</summary>
    private const int MaxHeadChars = 64 * 1024;

    /// <summary>Parses raw bytes, choosing the text encoding from the BOM, <paramref name="httpCharset"/> and the XML declaration.</summary>
    public static Feed Parse(ReadOnlyMemory<byte> content, Uri? feedUri = null, string? httpCharset = null, FeedParserOptions? options = null)
    {
        options ??= FeedParserOptions.Default;

        // Four bytes per character is the most any encoding takes; beyond that the text is over the limit for sure.
        if (content.Length / 4 > options.MaxDocumentChars)
        {
            throw TooLarge(options);
        }

        var detected = FeedTextDecoder.Detect(content.Span, httpCharset);
        var body = content[detected.BomLength..];
        return Parse(() => new BytesTextReader(body, detected.Encoding), feedUri, options, detected.Warnings);
    }

    public static Feed Parse(string text, Uri? feedUri = null, FeedParserOptions? options = null)
    {
        options ??= FeedParserOptions.Default;
        return text.Length > options.MaxDocumentChars ? throw TooLarge(options) : Parse(() => new StringReader(text), feedUri, options, []);
    }

    private static Feed Parse(Func<TextReader> open, Uri? feedUri, FeedParserOptions options, IReadOnlyList<string> decoderWarnings)
    {
        XmlException firstFailure;
        using (var reader = open())
        {
            var head = ReadHead(reader);
            var start = head.AsSpan().IndexOfAnyExcept("\uFEFF \t\r\n");
            if (start < 0)
            {
                throw new FeedParseException(FeedParseFailure.NotAFeed, "not a feed: the document is empty");
            }

            if (head[start] is '{' or '[')
            {
                var json = string.Concat(head.AsSpan(start), reader.ReadToEnd());
                return json.Length > options.MaxDocumentChars ? throw TooLarge(options) : JsonFeedParser.Parse(json, feedUri, options, [.. decoderWarnings]);
            }

            try
            {
                return XmlFeedReader.Read(head[start..], reader, feedUri, options, [.. decoderWarnings], keepPartial: false);
            }
            catch (XmlException ex)
            {
                firstFailure = ex;
            }
        }

        // Ill-formed: read again from the start with the common faults repaired, keeping what precedes a break.
        string text;
        using (var reader = open())
        {
            text = XmlRepair.Repair(reader.ReadToEnd().TrimStart('\uFEFF', ' ', '\t', '\r', '\n'));
        }

        List<string> warnings = [.. decoderWarnings, $"ill-formed XML ({XmlFeedReader.OneLine(firstFailure)}); repaired what could be repaired"];
        try
        {
            return XmlFeedReader.Read(text, TextReader.Null, feedUri, options, warnings, keepPartial: true);
        }
        catch (XmlException second)
        {
            throw new FeedParseException(FeedParseFailure.Malformed, $"not well-formed XML and not repairable: {XmlFeedReader.OneLine(second)}", second);
        }
    }

    /// <summary>The first characters: <see cref="HeadChars"/>, or up to <see cref="MaxHeadChars"/> when the root element starts later.</summary>
    private static string ReadHead(TextReader reader)
    {
        var buffer = ArrayPool<char>.Shared.Rent(MaxHeadChars);
        try
        {
            var read = reader.ReadBlock(buffer, 0, HeadChars);
            if (read == HeadChars && !PrologReader.HoldsRootStart(buffer.AsSpan(0, read)))
            {
                read += reader.ReadBlock(buffer, read, MaxHeadChars - read);
            }

            return new string(buffer, 0, read);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static FeedParseException TooLarge(FeedParserOptions options) =>
        new(FeedParseFailure.TooLarge, $"document is larger than {options.MaxDocumentChars} characters");
}
