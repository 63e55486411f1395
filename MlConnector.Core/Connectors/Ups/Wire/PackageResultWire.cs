namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One <c>PackageResults</c> entry.</summary>
internal sealed record PackageResultWire
{
    [JsonPropertyName("TrackingNumber")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("ShippingLabel")]
    public ShippingLabelWire? ShippingLabel { get; init; }
}
