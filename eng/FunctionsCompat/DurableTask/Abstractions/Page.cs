namespace Microsoft.DurableTask;

/// <summary>One page of results (DurableTask.Abstractions 1.25.0; sealed).</summary>
public sealed class Page<T>
    where T : notnull
{
    public Page(IReadOnlyList<T> values, string? continuationToken = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        ContinuationToken = continuationToken;
    }

    public IReadOnlyList<T> Values { get; }

    public string? ContinuationToken { get; }
}
