using MlConnector.Core.Connections;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The deterministic workflow instance ids, ledger keys and QBO request ids of the QBO ↔ UPS integration.</summary>
public static class QboUpsKeys
{
    /// <summary>One "QBO purchase order → UPS shipment" instance per PurchaseOrder id.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="purchaseOrderId">The QBO PurchaseOrder Id.</param>
    /// <returns>The instance id.</returns>
    public static string PurchaseOrderInstance(string connectionId, string purchaseOrderId) =>
        WorkflowInstanceId.For(IntegrationKinds.QboUps, connectionId, "po:" + purchaseOrderId);

    /// <summary>One "UPS tracking → QBO bill" instance per tracking number and UPS status (a status reported twice is applied once).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumber">The 1Z tracking number.</param>
    /// <param name="statusKey">The status type and code, and the activity time when known.</param>
    /// <returns>The instance id.</returns>
    public static string TrackingInstance(string connectionId, string trackingNumber, string statusKey) =>
        UpsTrackingInstanceId.For(IntegrationKinds.QboUps, connectionId, trackingNumber, statusKey);

    /// <summary>A purchase order as the shared UPS shipping piece's source document.</summary>
    /// <param name="purchaseOrderId">The QBO PurchaseOrder Id.</param>
    /// <param name="purchaseOrderNumber">Its DocNumber (its Id when it has none).</param>
    /// <returns>The source document <c>(qbo-po, id, number, "PO")</c>.</returns>
    public static SourceDocument PurchaseOrderSource(string purchaseOrderId, string purchaseOrderNumber) =>
        new(QboUpsNames.PurchaseOrderSource, purchaseOrderId, purchaseOrderNumber, "PO");

    /// <summary>The QBO bill or journal entry carrying a purchase order's shipping cost: created once.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="purchaseOrderId">The QBO PurchaseOrder Id.</param>
    /// <param name="posting">The posting mode (<c>bill</c> or <c>journal</c>).</param>
    /// <returns>The ledger key.</returns>
    public static LedgerKey CostPost(string connectionId, string purchaseOrderId, string posting) =>
        new(connectionId, QboUpsNames.PurchaseOrderSource, purchaseOrderId, "qbo." + posting + ".create");
}
