namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>XAVRequest</c>.</summary>
internal sealed record XavRequestWire
{
    [JsonPropertyName("AddressKeyFormat")]
    public required XavAddressKeyFormatWire AddressKeyFormat { get; init; }
}
