namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The Rating answer (<c>RATEResponseWrapper</c>).</summary>
internal sealed record RateResponseWrapperWire
{
    [JsonPropertyName("RateResponse")]
    public RateResponseWire? RateResponse { get; init; }
}
