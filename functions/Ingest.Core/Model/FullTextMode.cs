namespace Ingest.Core.Model;

/// <summary>
/// Whether Ingest reads an item's page as well as what the feed says of it (the catalogue's <c>fullText</c>:
/// <c>"auto"</c>, <c>true</c> or <c>false</c>).
/// </summary>
public enum FullTextMode
{
    /// <summary>The page is read when the feed gives a stub (see <see cref="Polling.StubText"/>) or is known to give only stubs: the default.</summary>
    Auto,

    /// <summary>Every item's page is read.</summary>
    Always,

    /// <summary>The feed's own text is all that is read.</summary>
    Never,
}
