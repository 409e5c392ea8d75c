namespace Ingest.Testing.Fakes;

/// <summary>Row versions for the in-memory stores, as storage's ETags are: opaque, and new on every write.</summary>
internal static class Versions
{
    private static long _last;

    public static string Next() => $"v{Interlocked.Increment(ref _last)}";
}
