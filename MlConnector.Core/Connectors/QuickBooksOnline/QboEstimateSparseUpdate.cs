namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The body of a sparse estimate update: <c>Id</c>, the current <c>SyncToken</c>, <c>"sparse": true</c> and only the
/// fields to change (developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/estimate, "Sparse update").
/// </summary>
internal sealed class QboEstimateSparseUpdate
{
    public required string Id { get; init; }

    public required string SyncToken { get; init; }

    [JsonPropertyName("sparse")]
    public bool Sparse { get; init; } = true;

    public IReadOnlyList<QboLine>? Line { get; init; }

    public string? TxnStatus { get; init; }

    public string? PrivateNote { get; init; }

    public DateOnly? TxnDate { get; init; }
}
