using System.Runtime.CompilerServices;

namespace Microsoft.DurableTask;

/// <summary>Builds <see cref="AsyncPageable{T}"/>s from a page callback (DurableTask.Abstractions 1.25.0). Tests use it to fake queries.</summary>
public static class Pageable
{
    /// <summary>A pageable that calls <paramref name="pageFunc"/> with each continuation token until a page has none.</summary>
    public static AsyncPageable<T> Create<T>(Func<string?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return Create<T>((token, _, cancellationToken) => pageFunc(token, cancellationToken));
    }

    /// <summary>A pageable that calls <paramref name="pageFunc"/> with each continuation token and the page size hint.</summary>
    public static AsyncPageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return new FuncAsyncPageable<T>(pageFunc);
    }

    private sealed class FuncAsyncPageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc) : AsyncPageable<T>
        where T : notnull
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
            => PagesAsync(continuationToken, pageSizeHint);

        private async IAsyncEnumerable<Page<T>> PagesAsync(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            do
            {
                var page = await pageFunc(continuationToken, pageSizeHint, cancellationToken);
                yield return page;
                continuationToken = page.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(continuationToken));
        }
    }
}
