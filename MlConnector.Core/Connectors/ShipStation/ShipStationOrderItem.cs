namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>One product line of a ShipStation order.</summary>
/// <param name="Sku">The SKU, mapped to a QBO Item.</param>
/// <param name="Name">The product name.</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="UnitPrice">Price per unit, in the order's currency.</param>
public sealed record ShipStationOrderItem(string? Sku, string Name, int Quantity, decimal UnitPrice)
{
    /// <summary>True for an adjustment line (V1 <c>adjustment: true</c>, for example a discount with a negative price), not a product.</summary>
    public bool IsAdjustment { get; init; }
}
