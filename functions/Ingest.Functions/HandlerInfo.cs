using System.Diagnostics;
using System.Reflection;

namespace Ingest.Functions;

/// <summary>What the handler says about itself: its version and when this process started.</summary>
public sealed record HandlerInfo(string Version, DateTimeOffset StartedAt)
{
    /// <summary>The process's own start, not the first request's: a worker that restarted shows it at once.</summary>
    public static HandlerInfo Create() => new(
        typeof(HandlerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero));
}
