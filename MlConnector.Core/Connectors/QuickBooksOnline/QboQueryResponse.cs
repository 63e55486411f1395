namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The JSON form of QBO's <c>QueryResponse</c> (IntuitRestServiceDef.xsd): the page's entities under their entity name,
/// <c>startPosition</c>, <c>maxResults</c> (the number of entities in this page) and, for <c>count(*)</c>, <c>totalCount</c>.
/// QBO sends <c>{}</c> when nothing matched.
/// </summary>
internal sealed class QboQueryResponse
{
    public List<QboInvoice>? Invoice { get; init; }

    public List<QboCustomer>? Customer { get; init; }

    public List<QboItem>? Item { get; init; }

    public List<QboAccount>? Account { get; init; }

    public List<QboBill>? Bill { get; init; }

    public List<QboJournalEntry>? JournalEntry { get; init; }

    public List<QboPurchaseOrder>? PurchaseOrder { get; init; }

    public List<QboEstimate>? Estimate { get; init; }

    public List<QboVendor>? Vendor { get; init; }

    [JsonPropertyName("startPosition")]
    public int? StartPosition { get; init; }

    [JsonPropertyName("maxResults")]
    public int? MaxResults { get; init; }

    [JsonPropertyName("totalCount")]
    public int? TotalCount { get; init; }

    /// <summary>A Fault reported inside the query response.</summary>
    public JsonElement? Fault { get; init; }
}
