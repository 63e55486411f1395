namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 address model (<c>billTo</c>, <c>shipTo</c>).</summary>
internal sealed record V1AddressWire
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("company")]
    public string? Company { get; init; }

    [JsonPropertyName("street1")]
    public string? Street1 { get; init; }

    [JsonPropertyName("street2")]
    public string? Street2 { get; init; }

    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("postalCode")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("phone")]
    public string? Phone { get; init; }
}
