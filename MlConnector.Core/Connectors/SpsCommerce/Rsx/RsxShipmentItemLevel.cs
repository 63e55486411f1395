namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>PackLevel[].ItemLevel[]</c>.</summary>
/// <param name="ShipmentLine"><c>ShipmentLine</c>.</param>
public sealed record RsxShipmentItemLevel(
    RsxShipmentLine ShipmentLine);
