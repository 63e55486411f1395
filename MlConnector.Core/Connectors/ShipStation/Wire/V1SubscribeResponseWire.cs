namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 subscribe answer <c>{"id": 123456}</c> (https://www.shipstation.com/docs/api/webhooks/subscribe/, "Example Response").</summary>
internal sealed record V1SubscribeResponseWire
{
    [JsonPropertyName("id")]
    public long Id { get; init; }
}
