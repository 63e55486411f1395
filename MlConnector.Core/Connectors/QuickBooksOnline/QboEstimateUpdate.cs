namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The fields of a sparse estimate update (<c>"sparse": true</c>): only non-null fields are sent; the client adds
/// <c>Id</c> and the current <c>SyncToken</c>. A sent <see cref="Line"/> list replaces every line.
/// </summary>
public sealed record QboEstimateUpdate
{
    /// <summary>The new lines, replacing all lines.</summary>
    public IReadOnlyList<QboLine>? Line { get; init; }

    /// <summary>New status: <c>Pending</c>, <c>Accepted</c>, <c>Closed</c> or <c>Rejected</c>.</summary>
    public string? TxnStatus { get; init; }

    /// <summary>New internal memo.</summary>
    public string? PrivateNote { get; init; }

    /// <summary>New transaction date.</summary>
    public DateOnly? TxnDate { get; init; }
}
