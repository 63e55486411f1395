namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>One product line of a ShipStation order as QuickBooks Desktop will see it.</summary>
/// <param name="Sku">The ShipStation SKU (mapped to a QuickBooks item full name by <c>qbdItems</c>, else used as is).</param>
/// <param name="Name">The product name (the invoice line's description).</param>
/// <param name="Quantity">Units ordered.</param>
/// <param name="UnitPrice">Price per unit, in the store's currency (ShipStation V1 carries no currency code; the QuickBooks company's applies).</param>
public sealed record QbdOrderLine(string Sku, string Name, int Quantity, decimal UnitPrice);
