using System.Text;

namespace Ingest.Core.Feeds.Encodings;

/// <summary>
/// Decodes bytes already in memory as they are read, straight into the reader's buffer: no copy of the
/// document as a string, and none of the buffers a <see cref="StreamReader"/> keeps.
/// </summary>
public sealed class BytesTextReader(ReadOnlyMemory<byte> bytes, Encoding encoding) : TextReader
{
    private readonly Decoder _decoder = encoding.GetDecoder();
    private ReadOnlyMemory<byte> _rest = bytes;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;

        // A buffer too small for the next character reads none, so keep going until something is written or all is read.
        while (written == 0 && buffer.Length > 0 && !_rest.IsEmpty)
        {
            _decoder.Convert(_rest.Span, buffer, flush: true, out var bytesUsed, out written, out _);
            _rest = _rest[bytesUsed..];
            if (bytesUsed == 0 && written == 0)
            {
                break;
            }
        }

        return written;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }
}
