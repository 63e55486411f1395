namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A ShipStation product (V1 <c>GET /products</c>), polled to suggest SKU → QBO Item mappings.</summary>
/// <param name="ProductId">ShipStation's product id.</param>
/// <param name="Sku">The SKU.</param>
/// <param name="Name">The product name.</param>
/// <param name="Price">The list price.</param>
/// <param name="Active">Whether the product is active.</param>
public sealed record ShipStationProduct(long ProductId, string Sku, string Name, decimal Price, bool Active);
