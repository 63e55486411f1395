namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>LabelSpecification</c>: image format and the stock size the 2024+ spec requires.</summary>
internal sealed record LabelSpecificationWire
{
    [JsonPropertyName("LabelImageFormat")]
    public required CodeWire LabelImageFormat { get; init; }

    [JsonPropertyName("LabelStockSize")]
    public required LabelStockSizeWire LabelStockSize { get; init; }
}
