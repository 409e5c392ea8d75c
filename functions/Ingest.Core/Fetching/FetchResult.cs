namespace Ingest.Core.Fetching;

public enum FetchStatus
{
    /// <summary>200 with a body.</summary>
    Ok,

    /// <summary>304: nothing changed since the validators; no body and nothing to parse.</summary>
    NotModified,

    /// <summary>410: the resource is gone for good; the feed should be disabled.</summary>
    Gone,

    /// <summary>429 or 503: the server asked to come back later (<see cref="FetchResult.RetryAfter"/>).</summary>
    RetryLater,

    /// <summary>No request slot on the host came free in time: nothing was asked of the server; try again soon.</summary>
    HostBusy,

    /// <summary>Any other failure: network, timeout, size cap, refused address, HTTP error.</summary>
    Failed,
}

/// <summary>
/// The outcome of a fetch. Network trouble is an outcome, not an exception: <see cref="Error"/> says what
/// happened in one line. <see cref="PermanentUri"/> is set when every redirect on the way was permanent,
/// so the stored address can be updated.
/// </summary>
public sealed record FetchResult(
    FetchStatus Status,
    Uri RequestedUri,
    Uri FinalUri,
    int? HttpStatus = null,
    byte[]? Body = null,
    string? MediaType = null,
    string? Charset = null,
    string? ETag = null,
    DateTimeOffset? LastModified = null,
    TimeSpan? MaxAge = null,
    TimeSpan? RetryAfter = null,
    Uri? PermanentUri = null,
    string? Error = null);
