using MlConnector.Core.Connectors.ShipStation.Wire;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>Source-generated JSON metadata for ShipStation V1 and V2 bodies (vendor casing through <c>[JsonPropertyName]</c>).</summary>
[JsonSerializable(typeof(V1ListResponse))]
[JsonSerializable(typeof(V1Order))]
[JsonSerializable(typeof(V1WebhookList))]
[JsonSerializable(typeof(List<V1Webhook>))]
[JsonSerializable(typeof(V1SubscribeRequest))]
[JsonSerializable(typeof(V1SubscribeResponse))]
[JsonSerializable(typeof(List<V1Carrier>))]
[JsonSerializable(typeof(List<V1CarrierService>))]
[JsonSerializable(typeof(List<V2Webhook>))]
[JsonSerializable(typeof(V2Webhook))]
[JsonSerializable(typeof(V2CreateWebhookRequest))]
[JsonSerializable(typeof(V2ErrorResponse))]
[JsonSerializable(typeof(JsonWebKeySetWire))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ShipStationJsonContext : JsonSerializerContext
{
}
