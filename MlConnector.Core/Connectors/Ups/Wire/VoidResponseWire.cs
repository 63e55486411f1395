namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>VoidShipmentResponse</c>.</summary>
internal sealed record VoidResponseWire
{
    [JsonPropertyName("Response")]
    public ResponseStatusWire? Response { get; init; }

    [JsonPropertyName("SummaryResult")]
    public SummaryResultWire? SummaryResult { get; init; }
}
