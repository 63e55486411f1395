namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Order.LineItem[]</c>.</summary>
/// <param name="OrderLine"><c>OrderLine</c>: the item, quantity and price.</param>
/// <param name="ProductOrItemDescription"><c>ProductOrItemDescription[]</c>.</param>
public sealed record RsxOrderLineItem(
    RsxOrderLine OrderLine,
    IReadOnlyList<RsxProductDescription>? ProductOrItemDescription = null);
