namespace Ingest.Core.Model;

/// <summary>
/// Tells storage failing (away, refusing, throttling) from any other failure, for the answers and logs that differ:
/// a request answered 503 "try again" rather than 500, a status page that says storage is unreachable.
/// </summary>
public interface IStorageFaults
{
    /// <summary>One line saying what storage did, or null when <paramref name="exception"/> is no storage failure.</summary>
    /// <param name="countConnections">
    /// Also count a connection that failed under the call, however the client library passed it on: right where
    /// storage is the only service the failed work called.
    /// </param>
    string? Explain(Exception exception, bool countConnections = false);
}
