using System.Text.Json.Serialization;
using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// What a conditional GET of a feed needs, as the dispatcher listed it: the poll fetches with these before reading the
/// feed's row, so a 304 needs no row read. Any other answer reads the row, which decides what is done with it; when
/// the row no longer has these (moved, polled meanwhile) the fetch is made again with the row's.
/// </summary>
public sealed record FeedValidators(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("etag")] string? ETag,
    [property: JsonPropertyName("lastModified")] DateTimeOffset? LastModified)
{
    public static FeedValidators Of(FeedRecord feed) => new(feed.Url, string.IsNullOrEmpty(feed.ETag) ? null : feed.ETag, feed.LastModified);

    /// <summary>Whether a fetch made with these is the fetch the feed's row asks for.</summary>
    public bool Fit(FeedRecord feed) => this == Of(feed);
}
