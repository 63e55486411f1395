namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>LabelStockSize</c>: height and width in whole inches.</summary>
internal sealed record LabelStockSizeWire
{
    [JsonPropertyName("Height")]
    public required string Height { get; init; }

    [JsonPropertyName("Width")]
    public required string Width { get; init; }
}
