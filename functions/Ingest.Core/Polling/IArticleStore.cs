using Ingest.Core.Model;

namespace Ingest.Core.Polling;

/// <summary>The <c>Articles</c> and <c>Hits</c> tables. Writes are upserts on deterministic keys, so a retry writes nothing twice.</summary>
public interface IArticleStore
{
    /// <summary>Which of these article keys are stored already.</summary>
    Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores the hits first and the articles last: an article row means "done", so a poll cut short is redone whole.</summary>
    Task SaveAsync(IReadOnlyList<StoredArticle> newArticles, IReadOnlyList<StoredHit> newHits, CancellationToken cancellationToken);
}
