namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>One item whose open ShipStation orders QuickBooks Desktop's stock does not cover.</summary>
/// <param name="Item">The QuickBooks item full name (the SKU unless mapped).</param>
/// <param name="OrderedOpen">Units on ShipStation orders not yet shipped.</param>
/// <param name="OnHand">QuickBooks' <c>QuantityOnHand</c>, or null when QuickBooks has no inventory item by that name.</param>
/// <param name="Problem">What is wrong, for example <c>short by 3</c>.</param>
public sealed record QbdInventoryDiscrepancy(string Item, int OrderedOpen, decimal? OnHand, string Problem);
