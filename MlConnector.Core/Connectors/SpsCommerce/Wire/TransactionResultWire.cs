namespace MlConnector.Core.Connectors.SpsCommerce.Wire;

/// <summary>One listed entry: <c>{"path":"/out/x.xml","type":"file","url":"https://…/data/out/x.xml"}</c> (api-fixtures/transactions.json).</summary>
internal sealed class TransactionResultWire
{
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }
}
