namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The input of "QBO purchase order → UPS shipment": which purchase order of which connection. Ids only; the PO is read by GET.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="PurchaseOrderId">The QBO PurchaseOrder Id.</param>
public sealed record PurchaseOrderRef(string ConnectionId, string PurchaseOrderId);
