using Ingest.Testing;

namespace Ingest.LoadTest;

/// <summary>The <c>ingest host</c> processes the run started, each stopped (with its worker) when the run ends.</summary>
public sealed class HostsToStop(IReadOnlyList<ChildProcess> hosts) : IDisposable
{
    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }
    }
}
