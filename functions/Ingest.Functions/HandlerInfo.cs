using System.Reflection;

namespace Ingest.Functions;

/// <summary>What the handler says about itself: its version and when this process started.</summary>
public sealed record HandlerInfo(string Version, DateTimeOffset StartedAt)
{
    public static HandlerInfo Create(TimeProvider time) => new(
        typeof(HandlerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        time.GetUtcNow());
}
