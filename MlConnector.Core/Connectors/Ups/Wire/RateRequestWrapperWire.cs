namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Rating request body (<c>RATERequestWrapper</c>, Rating.yaml).</summary>
internal sealed record RateRequestWrapperWire
{
    [JsonPropertyName("RateRequest")]
    public required RateRequestWire RateRequest { get; init; }
}
