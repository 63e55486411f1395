namespace Microsoft.DurableTask;

/// <summary>An asynchronous sequence fetched page by page (DurableTask.Abstractions 1.25.0).</summary>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = default, int? pageSizeHint = default);

    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }
}
