namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>Input of the invoice-creation activity.</summary>
/// <param name="Order">The order handle.</param>
/// <param name="CustomerId">The QBO customer.</param>
public sealed record InvoiceRequest(OrderSnapshotRef Order, string CustomerId);
