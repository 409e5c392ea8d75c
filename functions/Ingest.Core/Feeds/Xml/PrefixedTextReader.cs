namespace Ingest.Core.Feeds.Xml;

/// <summary>Reads <paramref name="head"/> and then the rest of <paramref name="rest"/>: the prepared prolog, then the document as it streams.</summary>
internal sealed class PrefixedTextReader(string head, TextReader rest) : TextReader
{
    private int _position;

    public override int Peek() => _position < head.Length ? head[_position] : rest.Peek();

    public override int Read() => _position < head.Length ? head[_position++] : rest.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_position >= head.Length)
        {
            return rest.Read(buffer);
        }

        var count = Math.Min(buffer.Length, head.Length - _position);
        head.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
