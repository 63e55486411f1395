namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>ItemLevel[].ShipmentLine</c>.</summary>
/// <param name="LineSequenceNumber">The PO line number.</param>
/// <param name="BuyerPartNumber">The retailer's item number.</param>
/// <param name="VendorPartNumber">The merchant's item number.</param>
/// <param name="ConsumerPackageCode">The UPC.</param>
/// <param name="OrderQty">The quantity ordered.</param>
/// <param name="OrderQtyUOM">The unit ordered.</param>
/// <param name="ShipQty">The quantity shipped.</param>
/// <param name="ShipQtyUOM">The unit shipped.</param>
public sealed record RsxShipmentLine(
    string? LineSequenceNumber = null,
    string? BuyerPartNumber = null,
    string? VendorPartNumber = null,
    string? ConsumerPackageCode = null,
    decimal? OrderQty = null,
    string? OrderQtyUOM = null,
    decimal? ShipQty = null,
    string? ShipQtyUOM = null);
