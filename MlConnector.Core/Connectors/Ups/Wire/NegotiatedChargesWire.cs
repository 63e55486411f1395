namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>NegotiatedRateCharges</c>: the account's negotiated total.</summary>
internal sealed record NegotiatedChargesWire
{
    [JsonPropertyName("TotalCharge")]
    public MoneyWire? TotalCharge { get; init; }
}
