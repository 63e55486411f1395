namespace MlConnector.Core.Connectors.QuickBooksOnline.Wire;

/// <summary>
/// The body of a sparse invoice update: <c>Id</c>, the current <c>SyncToken</c>, <c>"sparse": true</c> and only the fields
/// to change (nulls are omitted on write). QBO changes only the elements sent
/// (developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice#sparse-update-an-invoice).
/// </summary>
internal sealed class InvoiceSparseUpdateWire
{
    public required string Id { get; init; }

    public required string SyncToken { get; init; }

    [JsonPropertyName("sparse")]
    public bool Sparse { get; init; } = true;

    public DateOnly? ShipDate { get; init; }

    public string? TrackingNum { get; init; }

    public QboRef? ShipMethodRef { get; init; }

    public QboMemo? CustomerMemo { get; init; }

    public string? PrivateNote { get; init; }

    /// <summary>The sparse body of <paramref name="update"/> for the invoice at <paramref name="syncToken"/>.</summary>
    public static InvoiceSparseUpdateWire From(string id, string syncToken, QboInvoiceUpdate update) => new()
    {
        Id = id,
        SyncToken = syncToken,
        ShipDate = update.ShipDate,
        TrackingNum = update.TrackingNum,
        ShipMethodRef = update.ShipMethodRef,
        CustomerMemo = update.CustomerMemo,
        PrivateNote = update.PrivateNote,
    };
}
