namespace Ingest.Core.Reads;

/// <summary>
/// The read API's settings. <see cref="OperatorKey"/> (<c>ApiOperatorKey</c>) lets an operator read every topic; when
/// it is not set, only subscribers' own tokens open the API.
/// </summary>
public sealed record ApiOptions(string? OperatorKey)
{
    public const int MinKeyLength = 24;
}
