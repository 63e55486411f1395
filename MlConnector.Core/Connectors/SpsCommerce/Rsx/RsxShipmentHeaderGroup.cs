namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Shipment.Header</c>.</summary>
/// <param name="ShipmentHeader"><c>ShipmentHeader</c> (required).</param>
/// <param name="Address"><c>Address[]</c>: ship-from and ship-to.</param>
/// <param name="CarrierInformation"><c>CarrierInformation[]</c>.</param>
public sealed record RsxShipmentHeaderGroup(
    RsxShipmentHeader ShipmentHeader,
    IReadOnlyList<RsxAddress>? Address = null,
    IReadOnlyList<RsxCarrierInformation>? CarrierInformation = null);
