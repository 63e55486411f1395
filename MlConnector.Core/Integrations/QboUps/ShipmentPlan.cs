using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>A purchase order turned into a UPS shipment request (addresses, service, packages; no credentials).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="PurchaseOrderId">The QBO PurchaseOrder Id.</param>
/// <param name="PurchaseOrderNumber">The PO's DocNumber (its Id when it has none).</param>
/// <param name="Request">The shipment to validate, rate and create.</param>
public sealed record ShipmentPlan(string ConnectionId, string PurchaseOrderId, string PurchaseOrderNumber, UpsShipmentRequest Request);
