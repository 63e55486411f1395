using System.Security.Cryptography;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>The deterministic keys of the integration: workflow instance ids, ledger keys and QBO request ids.</summary>
public static class ShipStationQboKeys
{
    /// <summary>The order workflow's instance id: <c>shipstation-qbo:{connectionId}:order:{orderNumber}</c>.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <returns>The instance id.</returns>
    public static string OrderInstance(string connectionId, string orderNumber) =>
        WorkflowInstanceId.For(Connections.IntegrationKinds.ShipStationQbo, connectionId, "order:" + orderNumber);

    /// <summary>The shipment workflow's instance id: <c>shipstation-qbo:{connectionId}:shipment:{shipmentId}</c>.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipmentId">The shipment id.</param>
    /// <returns>The instance id.</returns>
    public static string ShipmentInstance(string connectionId, long shipmentId) =>
        WorkflowInstanceId.For(Connections.IntegrationKinds.ShipStationQbo, connectionId, "shipment:" + shipmentId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The shipment workflow's instance id for a fulfillment: <c>shipstation-qbo:{connectionId}:fulfillment:{fulfillmentId}</c>
    /// (fulfillment ids are not shipment ids, so they get their own prefix).
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="fulfillmentId">The fulfillment id.</param>
    /// <returns>The instance id.</returns>
    public static string FulfillmentInstance(string connectionId, long fulfillmentId) =>
        WorkflowInstanceId.For(Connections.IntegrationKinds.ShipStationQbo, connectionId, "fulfillment:" + fulfillmentId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The shipment workflow's instance id for a shipment update of either source.</summary>
    /// <param name="reference">The shipment or fulfillment.</param>
    /// <returns><see cref="ShipmentInstance"/> or <see cref="FulfillmentInstance"/>.</returns>
    public static string ShipmentUpdateInstance(ShipmentSnapshotRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Source == ShipmentSource.Fulfillment
            ? FulfillmentInstance(reference.ConnectionId, reference.ShipmentId)
            : ShipmentInstance(reference.ConnectionId, reference.ShipmentId);
    }

    /// <summary>A notification's instance id, from a hash of its type and resource URL, so a redelivery is a duplicate.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="resourceType">The event type.</param>
    /// <param name="resourceUrl">The resource URL.</param>
    /// <returns>The instance id.</returns>
    public static string NotificationInstance(string connectionId, string resourceType, Uri resourceUrl)
    {
        ArgumentNullException.ThrowIfNull(resourceUrl);
        return WorkflowInstanceId.For(Connections.IntegrationKinds.ShipStationQbo, connectionId, $"notify:{resourceType}:{Hash(resourceUrl.AbsoluteUri)}");
    }

    /// <summary>
    /// The instance id of the batched workflow for a chunk of orders: derived from the connection and the chunk's order
    /// numbers (in any order), so the same page fetched again is a duplicate.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumbers">The chunk's order numbers.</param>
    /// <returns>The instance id.</returns>
    public static string OrderChunkInstance(string connectionId, IEnumerable<string> orderNumbers)
    {
        ArgumentNullException.ThrowIfNull(orderNumbers);
        return WorkflowInstanceId.For(Connections.IntegrationKinds.ShipStationQbo, connectionId, "orders:" + Hash(string.Join('\n', orderNumbers.Order(StringComparer.Ordinal))));
    }

    /// <summary>
    /// The instance id of the batched workflow for a chunk of shipments: derived from the connection and the chunk's
    /// shipment and fulfillment ids (in any order), so the same page fetched again is a duplicate.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipments">The chunk's shipments.</param>
    /// <returns>The instance id.</returns>
    public static string ShipmentChunkInstance(string connectionId, IEnumerable<ShipmentSnapshotRef> shipments)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        var ids = shipments.Select(s => ShipmentUpdateApply(s).SourceId).Order(StringComparer.Ordinal);
        return WorkflowInstanceId.For(Connections.IntegrationKinds.ShipStationQbo, connectionId, "shipments:" + Hash(string.Join('\n', ids)));
    }

    /// <summary>The instance id of a backfill: one per connection and start time, so starting the same backfill twice is a duplicate.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="sinceUtc">The backfill's start time.</param>
    /// <returns>The instance id.</returns>
    public static string BackfillInstance(string connectionId, DateTimeOffset sinceUtc) =>
        WorkflowInstanceId.For(Connections.IntegrationKinds.ShipStationQbo, connectionId, "backfill:" + sinceUtc.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));

    /// <summary>The ledger key of an order's invoice create.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <returns>The key.</returns>
    public static LedgerKey InvoiceCreate(string connectionId, string orderNumber) =>
        new(connectionId, ShipStationQboNames.SourceSystem, orderNumber, "qbo.invoice.create");

    /// <summary>The ledger key that maps a buyer to their QBO customer.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="buyerKey">The buyer's <see cref="ShipStationBuyer.Key"/> (an e-mail key gives the same ledger key as before
    /// buyers had keys, so customers recorded by e-mail are still found).</param>
    /// <returns>The key.</returns>
    public static LedgerKey CustomerCreate(string connectionId, string buyerKey) =>
        new(connectionId, ShipStationQboNames.SourceSystem, "buyer:" + Hash(buyerKey.Trim().ToUpperInvariant()), "qbo.customer.create");

    /// <summary>
    /// The <c>requestid</c> of one customer create: the buyer's ledger key, the order and which display name
    /// (<see cref="ShipStationQboCustomerNames.Candidates"/>) is tried. A retry of the same order's create is answered with
    /// the original customer; runs of different orders of one buyer send different request ids, so the loser of a race
    /// meets QBO's documented 6240 Duplicate Name and looks the winner up.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="buyerKey">The buyer's key.</param>
    /// <param name="orderNumber">The order.</param>
    /// <param name="nameIndex">The index of the display name tried.</param>
    /// <returns>The request id (32 characters).</returns>
    public static string CustomerCreateRequestId(string connectionId, string buyerKey, string orderNumber, int nameIndex)
    {
        var key = CustomerCreate(connectionId, buyerKey);
        return (key with { Operation = $"{key.Operation}:{orderNumber}:{nameIndex.ToString(CultureInfo.InvariantCulture)}" }).ToRequestId();
    }

    /// <summary>The ledger key of a shipment applied to an invoice.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipmentId">The shipment id.</param>
    /// <returns>The key.</returns>
    public static LedgerKey ShipmentApply(string connectionId, long shipmentId) =>
        new(connectionId, ShipStationQboNames.SourceSystem, "shipment:" + shipmentId.ToString(CultureInfo.InvariantCulture), "qbo.invoice.ship-update");

    /// <summary>The ledger key of a shipment update of either source applied to an invoice.</summary>
    /// <param name="reference">The shipment or fulfillment.</param>
    /// <returns><see cref="ShipmentApply"/> for labels; <c>fulfillment:{fulfillmentId}</c> with the same operation for fulfillments.</returns>
    public static LedgerKey ShipmentUpdateApply(ShipmentSnapshotRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Source == ShipmentSource.Fulfillment
            ? new(reference.ConnectionId, ShipStationQboNames.SourceSystem, "fulfillment:" + reference.ShipmentId.ToString(CultureInfo.InvariantCulture), "qbo.invoice.ship-update")
            : ShipmentApply(reference.ConnectionId, reference.ShipmentId);
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
