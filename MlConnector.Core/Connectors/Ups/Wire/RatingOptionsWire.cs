namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>ShipmentRatingOptions</c>: the presence of <c>NegotiatedRatesIndicator</c> asks for negotiated rates.</summary>
internal sealed record RatingOptionsWire
{
    [JsonPropertyName("NegotiatedRatesIndicator")]
    public string? NegotiatedRatesIndicator { get; init; }
}
