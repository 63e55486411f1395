using MlConnector.Core.Connectors.FreshBooks.Wire;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>Source-generated JSON metadata for FreshBooks bodies (vendor casing through <c>[JsonPropertyName]</c>).</summary>
[JsonSerializable(typeof(IdentityWire))]
[JsonSerializable(typeof(ResponseEnvelopeWire<ClientResultWire>))]
[JsonSerializable(typeof(ResponseEnvelopeWire<InvoiceResultWire>))]
[JsonSerializable(typeof(ResponseEnvelopeWire<InvoiceListResultWire>))]
[JsonSerializable(typeof(ResponseEnvelopeWire<CallbackResultWire>))]
[JsonSerializable(typeof(ResponseEnvelopeWire<CallbackListResultWire>))]
[JsonSerializable(typeof(InvoiceUpdateWire))]
[JsonSerializable(typeof(CallbackRequestWire))]
[JsonSerializable(typeof(ErrorBodyWire))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class FreshBooksJsonContext : JsonSerializerContext
{
}
