namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Shipment.OrderLevel[]</c>: one PO in the shipment.</summary>
/// <param name="OrderHeader"><c>OrderHeader</c>.</param>
/// <param name="PackLevel"><c>PackLevel[]</c>: the cartons.</param>
public sealed record RsxShipmentOrderLevel(
    RsxShipmentOrderHeader OrderHeader,
    IReadOnlyList<RsxShipmentPackLevel>? PackLevel = null);
