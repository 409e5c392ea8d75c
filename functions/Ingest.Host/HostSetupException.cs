namespace Ingest.Host;

/// <summary>
/// The app or its settings cannot be run as they are (no host.json, a schedule that is not NCRONTAB, a worker that
/// does not start): one line for the person starting the host, never a stack trace.
/// </summary>
/// <param name="badInput">The app folder or a setting is wrong, rather than something failing while it ran.</param>
public sealed class HostSetupException(string message, bool badInput = false) : Exception(message)
{
    public bool BadInput { get; } = badInput;
}
