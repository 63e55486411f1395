namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>An invoice line (java-sdk-fixtures/get_invoice_response.json <c>lines[]</c>); <c>qty</c> is a decimal string.</summary>
internal sealed class InvoiceLineWire
{
    [JsonPropertyName("lineid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LineId { get; set; }

    [JsonPropertyName("type")]
    public int Type { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("qty")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public decimal Quantity { get; set; }

    [JsonPropertyName("unit_cost")]
    public MoneyWire? UnitCost { get; set; }

    [JsonPropertyName("amount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MoneyWire? Amount { get; set; }
}
