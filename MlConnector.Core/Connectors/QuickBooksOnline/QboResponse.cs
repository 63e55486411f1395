namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The JSON form of QBO's <c>IntuitResponse</c> (IntuitRestServiceDef.xsd): one entity, a <c>QueryResponse</c>, or a
/// <c>Fault</c>, plus the server <c>time</c>. Entities the connector does not read yet are simply not declared.
/// </summary>
internal sealed class QboResponse
{
    public QboInvoice? Invoice { get; init; }

    public QboCustomer? Customer { get; init; }

    public QboItem? Item { get; init; }

    public QboAccount? Account { get; init; }

    public QboPurchaseOrder? PurchaseOrder { get; init; }

    public QboVendor? Vendor { get; init; }

    public QboEstimate? Estimate { get; init; }

    public QboBill? Bill { get; init; }

    public QboJournalEntry? JournalEntry { get; init; }

    public QboCompanyInfo? CompanyInfo { get; init; }

    public QboPreferences? Preferences { get; init; }

    public QboExchangeRate? ExchangeRate { get; init; }

    public QboQueryResponse? QueryResponse { get; init; }

    /// <summary>A Fault; QBO may send one inside a 200 response.</summary>
    public JsonElement? Fault { get; init; }

    [JsonPropertyName("time")]
    public string? Time { get; init; }

    /// <summary>The answers to a batch request, one per <c>BatchItemRequest</c>.</summary>
    public List<QboBatchItemResponse>? BatchItemResponse { get; init; }

    /// <summary>The Change Data Capture result (<c>GET …/cdc</c>), one element per request.</summary>
    [JsonPropertyName("CDCResponse")]
    public List<QboCdcResponse>? CdcResponse { get; init; }
}
