namespace MlConnector.Core.Connectors.SpsCommerce.Wire;

/// <summary><c>paging.next</c>: the opaque <c>cursor</c> and the <c>url</c> of the next page (api-fixtures/transactions.json).</summary>
internal sealed class PagingNextWire
{
    [JsonPropertyName("cursor")]
    public string? Cursor { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }
}
