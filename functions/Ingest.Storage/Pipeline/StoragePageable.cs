using System.Runtime.CompilerServices;
using Azure;

namespace Ingest.Storage.Pipeline;

/// <summary>An <see cref="AsyncPageable{T}"/> that fetches one page per call, following the service's continuation token.</summary>
internal sealed class StoragePageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        await foreach (var page in Pages(continuationToken, pageSizeHint, CancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<Page<T>> Pages(string? token, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await fetchPage(token, pageSize, cancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
