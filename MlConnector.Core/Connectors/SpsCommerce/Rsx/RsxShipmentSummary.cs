namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Shipment.Summary</c>.</summary>
/// <param name="TotalLineItemNumber">The number of item lines.</param>
public sealed record RsxShipmentSummary(
    int? TotalLineItemNumber = null);
