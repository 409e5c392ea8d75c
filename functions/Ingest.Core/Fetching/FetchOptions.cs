namespace Ingest.Core.Fetching;

/// <summary>How politely and defensively feeds and pages are fetched (app settings <c>Fetch__*</c>).</summary>
public sealed record FetchOptions
{
    /// <summary>Bodies beyond this are cut off while streaming and the fetch fails.</summary>
    public long MaxBytes { get; init; } = 15 * 1024 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>For the whole fetch: redirects, headers and body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Names Ingest and, from the settings, a URL where site owners can reach the operator.</summary>
    public string UserAgent { get; init; } = "Ingest/0.1 (news feed reader)";

    public int MaxRedirects { get; init; } = 5;

    /// <summary>At most this many requests to one host at a time, however many feeds it serves.</summary>
    public int MaxConcurrencyPerHost { get; init; } = 2;

    /// <summary>How long a fetch may wait for a request slot on its host before it gives up as busy (not counted in <see cref="Timeout"/>).</summary>
    public TimeSpan MaxHostWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Allow 127.0.0.0/8 and ::1 (the local defaults do, for the bundled sample feeds).</summary>
    public bool AllowLoopback { get; init; }

    /// <summary>Allow private, link-local and carrier-grade NAT ranges.</summary>
    public bool AllowPrivateNetworks { get; init; }
}
