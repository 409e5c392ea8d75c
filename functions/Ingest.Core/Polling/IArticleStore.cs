using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>
/// The <c>Articles</c> and <c>Hits</c> tables. Hits are upserts on deterministic keys, so a retry writes nothing twice;
/// an article row, once written, is never replaced.
/// </summary>
public interface IArticleStore
{
    /// <summary>Which of these article keys are stored already.</summary>
    Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the hits first and the articles last: an article row means "done", so a poll cut short is redone whole.
    /// An article whose key has a row already (another feed's item, an earlier try of this poll) is left as it is;
    /// their keys are returned.
    /// </summary>
    Task<IReadOnlySet<string>> SaveAsync(IReadOnlyList<StoredArticle> newArticles, IReadOnlyList<StoredHit> newHits, CancellationToken cancellationToken);
}
