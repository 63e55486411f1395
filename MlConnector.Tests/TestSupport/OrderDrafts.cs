using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Sandbox.ShipStation;

namespace MlConnector.Tests.TestSupport;

/// <summary>ShipStation order drafts for the simulator: one line, one buyer, shipping by UPS Ground.</summary>
public static class OrderDrafts
{
    /// <summary>A one-line order of <paramref name="sku"/> for Pat Lee.</summary>
    public static ShipStationOrderDraft Draft(string orderNumber, string sku = "MUG-12-WHT") => new(orderNumber)
    {
        CustomerEmail = "pat@example.com",
        CustomerName = "Pat Lee",
        Items = [new ShipStationOrderItem(sku, sku, 1, 20m)],
        ShippingAmount = 5m,
        RequestedShippingService = "UPS Ground",
    };
}
