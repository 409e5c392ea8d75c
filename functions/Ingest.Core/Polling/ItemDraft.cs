using Ingest.Core.Feeds;

namespace Ingest.Core.Polling;

/// <summary>A new feed item before it is read: the feed's text of it as plain text, how complete that looks, and whether its page is wanted.</summary>
public sealed record ItemDraft(FeedItem Item, string FeedText, ItemText Judged, bool WantsPage);
