namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>
/// The source-generated JSON context of the RSX documents: SPS's own PascalCase names (the C# names), nulls left out when
/// writing (the schemas forbid unknown properties and most fields are optional), unknown fields ignored when reading.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RsxOrder))]
[JsonSerializable(typeof(RsxInvoice))]
[JsonSerializable(typeof(RsxShipment))]
[JsonSerializable(typeof(RsxOrderAck))]
public sealed partial class RsxJsonContext : JsonSerializerContext;
