namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary><c>result</c> of a single invoice: <c>{"invoice":{…}}</c>.</summary>
internal sealed class InvoiceResultWire
{
    [JsonPropertyName("invoice")]
    public InvoiceWire? Invoice { get; set; }
}
