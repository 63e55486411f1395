namespace MlConnector.Core.Connectors.SpsCommerce.Wire;

/// <summary>
/// <c>GET /transactions/v5/data/{directory}/</c>: <c>{"results":[…],"paging":{"limit","next":{"cursor","url"}}}</c>
/// (<c>contracts/sps-commerce/api-fixtures/transactions.json</c>; PROTOCOL-NOTES §6).
/// </summary>
internal sealed class TransactionListWire
{
    [JsonPropertyName("results")]
    public List<TransactionResultWire>? Results { get; set; }

    [JsonPropertyName("paging")]
    public PagingWire? Paging { get; set; }
}
