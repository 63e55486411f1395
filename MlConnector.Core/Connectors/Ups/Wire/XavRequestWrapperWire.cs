namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The XAV request body (<c>XAVRequestWrapper</c>, AddressValidation.yaml).</summary>
internal sealed record XavRequestWrapperWire
{
    [JsonPropertyName("XAVRequest")]
    public required XavRequestWire XavRequest { get; init; }
}
