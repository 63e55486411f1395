namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>ShippingLabel</c>: the Base64 <c>GraphicImage</c> and its format.</summary>
internal sealed record ShippingLabelWire
{
    [JsonPropertyName("ImageFormat")]
    public CodeWire? ImageFormat { get; init; }

    [JsonPropertyName("GraphicImage")]
    public string? GraphicImage { get; init; }
}
