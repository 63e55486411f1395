namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A Shipper, ShipTo or ShipFrom of a Rate or Ship request.</summary>
internal sealed record PartyWire
{
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("AttentionName")]
    public string? AttentionName { get; init; }

    [JsonPropertyName("ShipperNumber")]
    public string? ShipperNumber { get; init; }

    [JsonPropertyName("Phone")]
    public PhoneWire? Phone { get; init; }

    [JsonPropertyName("Address")]
    public required AddressWire Address { get; init; }
}
