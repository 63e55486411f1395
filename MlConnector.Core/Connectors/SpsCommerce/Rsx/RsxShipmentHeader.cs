namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Shipment.Header.ShipmentHeader</c> (<c>TradingPartnerId</c> and <c>ShipmentIdentification</c> are required by the schema).</summary>
/// <param name="TradingPartnerId">The trading partner the notice goes to.</param>
/// <param name="ShipmentIdentification">The ASN number.</param>
/// <param name="ShipDate">The ship date, <c>yyyy-MM-dd</c>.</param>
/// <param name="TsetPurposeCode">X12 BSN01: <c>00</c> original.</param>
/// <param name="ShipNoticeDate">The date of the notice, <c>yyyy-MM-dd</c>.</param>
/// <param name="ASNStructureCode">X12 BSN05: <c>0001</c> shipment/order/pack/item.</param>
/// <param name="BillOfLadingNumber">The bill of lading, if any.</param>
/// <param name="CarrierProNumber">The carrier's PRO (progressive) number of a freight shipment, if any.</param>
public sealed record RsxShipmentHeader(
    string? TradingPartnerId = null,
    string? ShipmentIdentification = null,
    string? ShipDate = null,
    string? TsetPurposeCode = null,
    string? ShipNoticeDate = null,
    string? ASNStructureCode = null,
    string? BillOfLadingNumber = null,
    string? CarrierProNumber = null);
