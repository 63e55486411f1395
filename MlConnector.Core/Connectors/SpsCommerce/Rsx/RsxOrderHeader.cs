namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Order.Header.OrderHeader</c>: who sent the order and its number (<c>TradingPartnerId</c> and <c>PurchaseOrderNumber</c> are required by the schema).</summary>
/// <param name="TradingPartnerId">The SPS trading-partner id of the retailer, for example <c>SPSALLTESTID</c>.</param>
/// <param name="PurchaseOrderNumber">The retailer's PO number.</param>
/// <param name="TsetPurposeCode">X12 BEG01: <c>00</c> original, <c>01</c> cancellation, <c>05</c> replace, <c>06</c> confirmation, <c>07</c> duplicate.</param>
/// <param name="PrimaryPOTypeCode">X12 BEG02, for example <c>SA</c> stand-alone, <c>DS</c> drop ship.</param>
/// <param name="PurchaseOrderDate">The order date, <c>yyyy-MM-dd</c> (the retailer's local date).</param>
/// <param name="Vendor">The merchant's vendor number at the retailer.</param>
/// <param name="Department">The retailer's department.</param>
/// <param name="BuyersCurrency">ISO 4217 currency of the prices, when given (USD when absent).</param>
public sealed record RsxOrderHeader(
    string? TradingPartnerId = null,
    string? PurchaseOrderNumber = null,
    string? TsetPurposeCode = null,
    string? PrimaryPOTypeCode = null,
    string? PurchaseOrderDate = null,
    string? Vendor = null,
    string? Department = null,
    string? BuyersCurrency = null);
