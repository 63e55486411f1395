using MlConnector.Core.Connectors.ShipStation.Wire;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>Source-generated JSON metadata for ShipStation V1 and V2 bodies (vendor casing through <c>[JsonPropertyName]</c>).</summary>
[JsonSerializable(typeof(V1ListResponseWire))]
[JsonSerializable(typeof(V1OrderWire))]
[JsonSerializable(typeof(V1WebhookListWire))]
[JsonSerializable(typeof(List<V1WebhookWire>))]
[JsonSerializable(typeof(V1SubscribeRequestWire))]
[JsonSerializable(typeof(V1SubscribeResponseWire))]
[JsonSerializable(typeof(List<V1CarrierWire>))]
[JsonSerializable(typeof(List<V1CarrierServiceWire>))]
[JsonSerializable(typeof(List<V2WebhookWire>))]
[JsonSerializable(typeof(V2WebhookWire))]
[JsonSerializable(typeof(V2CreateWebhookRequestWire))]
[JsonSerializable(typeof(V2ErrorResponseWire))]
[JsonSerializable(typeof(JsonWebKeySetWire))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ShipStationJsonContext : JsonSerializerContext
{
}
