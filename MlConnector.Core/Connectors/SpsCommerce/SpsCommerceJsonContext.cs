using MlConnector.Core.Connectors.SpsCommerce.Wire;

namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>The source-generated JSON context of the SPS Commerce Transaction API's own JSON (listings, history).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TransactionListWire))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SpsCommerceJsonContext : JsonSerializerContext;
