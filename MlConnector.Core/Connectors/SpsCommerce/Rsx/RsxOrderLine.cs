namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Order.LineItem[].OrderLine</c>: the retailer's item ids and what it buys.</summary>
/// <param name="LineSequenceNumber">The line number.</param>
/// <param name="BuyerPartNumber">The retailer's item number.</param>
/// <param name="VendorPartNumber">The merchant's item number (SKU).</param>
/// <param name="ConsumerPackageCode">The UPC.</param>
/// <param name="GTIN">The GTIN-14.</param>
/// <param name="OrderQty">The quantity ordered, in <see cref="OrderQtyUOM"/>.</param>
/// <param name="OrderQtyUOM">The unit, for example <c>EA</c>.</param>
/// <param name="PurchasePrice">The unit price, in the order's currency.</param>
public sealed record RsxOrderLine(
    string? LineSequenceNumber = null,
    string? BuyerPartNumber = null,
    string? VendorPartNumber = null,
    string? ConsumerPackageCode = null,
    string? GTIN = null,
    decimal? OrderQty = null,
    string? OrderQtyUOM = null,
    decimal? PurchasePrice = null);
