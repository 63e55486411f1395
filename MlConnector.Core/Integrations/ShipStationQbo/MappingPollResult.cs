namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>What one mapping poll of a connection found and did.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="ActiveProducts">Active ShipStation products seen.</param>
/// <param name="AutoMapped">SKUs mapped now because exactly one active QBO Item carries the same SKU.</param>
/// <param name="UnmappedSkus">Active SKUs still without a mapping (orders with them will fail unless a fallback item is set).</param>
/// <param name="BrokenMappings">Mapping keys whose QBO Item or Account is missing or inactive, or whose shipping Item posts to another account than mapped.</param>
/// <param name="UnmappedShippingServices">ShipStation services (<c>{carrierCode}/{serviceCode}</c>) with no mapping and no default shipping item.</param>
public sealed record MappingPollResult(
    string ConnectionId,
    int ActiveProducts,
    IReadOnlyList<string> AutoMapped,
    IReadOnlyList<string> UnmappedSkus,
    IReadOnlyList<string> BrokenMappings,
    IReadOnlyList<string> UnmappedShippingServices);
