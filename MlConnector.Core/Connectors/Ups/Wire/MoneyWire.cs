namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A UPS charge: <c>CurrencyCode</c> and <c>MonetaryValue</c>, a decimal sent as a string (for example <c>"9.45"</c>).</summary>
internal sealed record MoneyWire
{
    [JsonPropertyName("CurrencyCode")]
    public string? CurrencyCode { get; init; }

    [JsonPropertyName("MonetaryValue")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? MonetaryValue { get; init; }
}
