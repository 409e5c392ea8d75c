namespace Ingest.Functions.Invocations;

/// <summary>Lines a function wants in the host's log for this invocation (the response's <c>Logs</c>).</summary>
public sealed class InvocationLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string line) => _lines.Add(line);
}
