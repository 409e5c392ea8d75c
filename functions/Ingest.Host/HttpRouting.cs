namespace Ingest.Host;

/// <summary>
/// Where the HTTP front sends a request: to <see cref="Function"/> with the route's <see cref="Values"/>; or, when
/// functions take the path with other methods only, nowhere but a 405 naming <see cref="Allowed"/>; or nowhere (all null).
/// </summary>
public sealed record HttpRouting(WorkerFunction? Function, IReadOnlyDictionary<string, string>? Values, IReadOnlyList<string>? Allowed)
{
    public static HttpRouting None { get; } = new(null, null, null);
}
