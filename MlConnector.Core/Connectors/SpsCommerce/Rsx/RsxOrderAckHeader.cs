namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>OrderAck.Header.OrderHeader</c> (<c>TradingPartnerId</c> and <c>PurchaseOrderNumber</c> are required by the schema).</summary>
/// <param name="TradingPartnerId">The trading partner.</param>
/// <param name="PurchaseOrderNumber">The PO acknowledged.</param>
/// <param name="TsetPurposeCode">X12 BAK01: <c>00</c> original.</param>
/// <param name="AcknowledgementType">X12 BAK02, for example <c>AC</c> accepted with changes, <c>AD</c> accepted, <c>RJ</c> rejected.</param>
/// <param name="PurchaseOrderDate">The PO date, <c>yyyy-MM-dd</c>.</param>
public sealed record RsxOrderAckHeader(
    string? TradingPartnerId = null,
    string? PurchaseOrderNumber = null,
    string? TsetPurposeCode = null,
    string? AcknowledgementType = null,
    string? PurchaseOrderDate = null);
