using MlConnector.Core.Connectors.Ups.Wire;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// Source-generated JSON metadata for the UPS request and response bodies (vendor casing through
/// <c>[JsonPropertyName]</c>). Nulls are not written, so an optional UPS element is absent rather than <c>null</c>.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(XavRequestWrapperWire))]
[JsonSerializable(typeof(XavResponseWrapperWire))]
[JsonSerializable(typeof(RateRequestWrapperWire))]
[JsonSerializable(typeof(RateResponseWrapperWire))]
[JsonSerializable(typeof(ShipRequestWrapperWire))]
[JsonSerializable(typeof(ShipResponseWrapperWire))]
[JsonSerializable(typeof(VoidResponseWrapperWire))]
[JsonSerializable(typeof(TrackApiResponseWire))]
[JsonSerializable(typeof(TrackAlertSubscriptionRequestWire))]
[JsonSerializable(typeof(TrackAlertSubscriptionResponseWire))]
[JsonSerializable(typeof(TrackingEventWire))]
[JsonSerializable(typeof(QuantumViewRequestWrapperWire))]
[JsonSerializable(typeof(QuantumViewResponseWrapperWire))]
[JsonSerializable(typeof(ErrorResponseWire))]
internal sealed partial class UpsJsonContext : JsonSerializerContext
{
}
