using System.Text;
using Ingest.Core.Feeds.Encodings;

namespace Ingest.Core.Tests.Feeds;

public sealed class FeedTextDecoderTests
{
    static FeedTextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void A_byte_order_mark_wins_over_every_label()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1250\"?><x>Ђ</x>")).ToArray();

        var decoded = FeedTextDecoder.Decode(bytes, "iso-8859-2");

        Assert.EndsWith("<x>Ђ</x>", decoded.Text);
        Assert.Empty(decoded.Warnings);
    }

    [Fact]
    public void The_http_charset_wins_over_the_declaration_and_the_disagreement_is_reported()
    {
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-2\"?><x>Војска</x>");

        var decoded = FeedTextDecoder.Decode(bytes, "windows-1251");

        Assert.Contains("<x>Војска</x>", decoded.Text);
        Assert.Contains(decoded.Warnings, w => w.Contains("disagree", StringComparison.Ordinal));
    }

    [Fact]
    public void Bytes_labelled_utf8_that_are_not_are_read_as_windows_1250()
    {
        var bytes = Encoding.GetEncoding("windows-1250").GetBytes("<x>Šibenik čeka</x>");

        var decoded = FeedTextDecoder.Decode(bytes, "utf-8");

        Assert.Equal("<x>Šibenik čeka</x>", decoded.Text);
        Assert.Contains(decoded.Warnings, w => w.Contains("not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void One_bad_byte_in_a_utf8_document_is_replaced_and_the_rest_stays_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<x>KFOR u Zvečanu; КФОР у Звечану; ").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(" žitelji</x>")).ToArray();

        var decoded = FeedTextDecoder.Decode(bytes, "utf-8");

        Assert.Equal("<x>KFOR u Zvečanu; КФОР у Звечану; \uFFFD( žitelji</x>", decoded.Text);
        Assert.Equal("text is UTF-8 but for 1 invalid byte sequence(s), replaced with U+FFFD", Assert.Single(decoded.Warnings));
    }

    [Fact]
    public void An_unknown_charset_name_is_reported_and_ignored()
    {
        var decoded = FeedTextDecoder.Decode(Encoding.UTF8.GetBytes("<x>ok</x>"), "x-made-up");

        Assert.Equal("<x>ok</x>", decoded.Text);
        Assert.Contains(decoded.Warnings, w => w.Contains("x-made-up", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("utf-8", 1)]
    [InlineData("utf-8", 3)]
    [InlineData("windows-1251", 2)]
    [InlineData("utf-16", 1)]
    public void The_streaming_reader_decodes_what_a_whole_decode_does(string encodingName, int bufferChars)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var text = "Вучић и KFOR: Šta je dogovoreno — " + string.Concat(Enumerable.Repeat("čćžšđ ЉЊЏ ", 200));
        var bytes = encoding.GetBytes(text);
        using var reader = new BytesTextReader(bytes, encoding);

        var read = new StringBuilder();
        var buffer = new char[bufferChars];
        for (var count = reader.Read(buffer, 0, buffer.Length); count > 0; count = reader.Read(buffer, 0, buffer.Length))
        {
            read.Append(buffer, 0, count);
        }

        Assert.Equal(encoding.GetString(bytes), read.ToString());
        Assert.Contains("Вучић", read.ToString());
    }
}
