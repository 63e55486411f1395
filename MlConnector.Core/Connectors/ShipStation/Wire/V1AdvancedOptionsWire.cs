namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The part of the V1 <c>advancedOptions</c> model ml-connector reads.</summary>
internal sealed record V1AdvancedOptionsWire
{
    [JsonPropertyName("storeId")]
    public long? StoreId { get; init; }
}
