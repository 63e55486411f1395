namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The fields an invoice update changes.</summary>
internal sealed class InvoiceChangesWire
{
    [JsonPropertyName("notes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notes { get; set; }

    [JsonPropertyName("lines")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<InvoiceLineWire>? Lines { get; set; }
}
