namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The fields of a sparse invoice update (<c>"sparse": true</c>): only non-null fields are sent; the client adds
/// <c>Id</c> and the current <c>SyncToken</c>.
/// </summary>
public sealed record QboInvoiceUpdate
{
    /// <summary>New ship date.</summary>
    public DateOnly? ShipDate { get; init; }

    /// <summary>New tracking number.</summary>
    public string? TrackingNum { get; init; }

    /// <summary>New ship method.</summary>
    public QboRef? ShipMethodRef { get; init; }

    /// <summary>New customer memo.</summary>
    public QboMemo? CustomerMemo { get; init; }

    /// <summary>New private note.</summary>
    public string? PrivateNote { get; init; }
}
