namespace MlConnector.Core.Connectors.SpsCommerce.Wire;

/// <summary><c>paging</c> of a listing: <c>limit</c> (at most 1000) and, when more entries follow, <c>next</c> (api-fixtures/transactions.json).</summary>
internal sealed class PagingWire
{
    [JsonPropertyName("limit")]
    public int? Limit { get; set; }

    [JsonPropertyName("next")]
    public PagingNextWire? Next { get; set; }
}
