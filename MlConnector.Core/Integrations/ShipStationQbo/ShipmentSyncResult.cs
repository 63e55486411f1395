namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>The outcome of the "ShipStation shipment → QBO invoice update" workflow.</summary>
/// <param name="OrderNumber">The order.</param>
/// <param name="ShipmentId">The shipment (or fulfillment) id.</param>
/// <param name="InvoiceId">The updated invoice, or null when skipped.</param>
/// <param name="Updated">True when this run updated the invoice; false when it already carried the shipment.</param>
public sealed record ShipmentSyncResult(string OrderNumber, long ShipmentId, string? InvoiceId, bool Updated);
