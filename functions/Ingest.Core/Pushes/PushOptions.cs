namespace Ingest.Core.Pushes;

/// <summary>
/// How defensively pushes are posted (app settings <c>Push__*</c>). Where they may connect is the feeds' address policy
/// (<c>Fetch__AllowLoopback</c>, <c>Fetch__AllowPrivateNetworks</c>): an endpoint is as untrusted as a feed link.
/// </summary>
public sealed record PushOptions
{
    /// <summary>For the whole post, connection to answer; past it the try counts as failed and is made again later.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most of an endpoint's answer read (for the reason shown when it refuses); the rest is never read.</summary>
    public int MaxAnswerBytes { get; init; } = 4 * 1024;
}
