namespace Ingest.Core.Polling;

/// <summary>A feed item to read: its draft, address and key, and whether its page is read (it wants it, within the poll's <see cref="ArticleReader.PagesPerPoll"/>).</summary>
internal sealed record NewItem(ItemDraft Draft, string Link, string Key, bool ReadsPage);
