namespace Ingest.Host;

/// <summary>The host's console log: one line per invocation, and the handler's own output, never interleaved mid-line.</summary>
public sealed class HostLog(TextWriter output, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();

    public void Write(string line)
    {
        var stamp = timeProvider.GetUtcNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        lock (_lock)
        {
            output.WriteLine($"[{stamp}] {line}");
            output.Flush();
        }
    }
}
