using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>
/// A purchase order turned into a UPS shipment request (addresses, service, packages; no credentials). Its JSON shape is
/// the deployed payload of the qbo-ups workflow's activities, so it stays; the shared shipping steps get it as a neutral
/// <see cref="UpsShipmentPlan"/> (<see cref="ToUpsPlan"/>).
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="PurchaseOrderId">The QBO PurchaseOrder Id.</param>
/// <param name="PurchaseOrderNumber">The PO's DocNumber (its Id when it has none).</param>
/// <param name="Request">The shipment to validate, rate and create.</param>
public sealed record ShipmentPlan(string ConnectionId, string PurchaseOrderId, string PurchaseOrderNumber, UpsShipmentRequest Request)
{
    /// <summary>The purchase order as the shared shipping piece's source document (<c>qbo-po</c>, id, DocNumber, "PO").</summary>
    /// <returns>The source document.</returns>
    public SourceDocument ToSource() => QboUpsKeys.PurchaseOrderSource(PurchaseOrderId, PurchaseOrderNumber);

    /// <summary>The plan for the shared shipping steps: owned by <c>qbo-ups</c>, ship-to in the PO's <c>ShipAddr</c>.</summary>
    /// <returns>The neutral plan.</returns>
    public UpsShipmentPlan ToUpsPlan() => new(ConnectionId, IntegrationKinds.QboUps, ToSource(), Request, "ShipAddr", "QuickBooks Online");
}
