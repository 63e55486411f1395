namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The wrapped update body <c>{"invoice":{"notes":…,"lines":[…]}}</c>; absent fields are not sent.</summary>
internal sealed class InvoiceUpdateWire
{
    [JsonPropertyName("invoice")]
    public InvoiceChangesWire Invoice { get; set; } = new();
}
