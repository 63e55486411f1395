namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Shipment.OrderLevel[].PackLevel[]</c>: one carton.</summary>
/// <param name="Pack"><c>Pack</c>: the carton's ids.</param>
/// <param name="ItemLevel"><c>ItemLevel[]</c>: what the carton holds.</param>
public sealed record RsxShipmentPackLevel(
    RsxPack Pack,
    IReadOnlyList<RsxShipmentItemLevel>? ItemLevel = null);
