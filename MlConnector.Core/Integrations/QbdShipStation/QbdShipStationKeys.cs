using System.Security.Cryptography;
using MlConnector.Core.Connections;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>The integration's deterministic workflow instance ids (<c>qbd-shipstation:{connection}:…</c>).</summary>
public static class QbdShipStationKeys
{
    /// <summary>A webhook notification's instance: <c>…:notify:{hash of type and resource URL}</c>, so a redelivery is a duplicate.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="resourceType">ORDER_NOTIFY or SHIP_NOTIFY.</param>
    /// <param name="resourceUrl">The resource URL.</param>
    /// <returns>The instance id.</returns>
    public static string NotificationInstance(string connectionId, string resourceType, Uri resourceUrl)
    {
        ArgumentNullException.ThrowIfNull(resourceUrl);
        return WorkflowInstanceId.For(IntegrationKinds.QbdShipStation, connectionId, "notify:" + Hash(resourceType + "|" + resourceUrl.AbsoluteUri));
    }

    /// <summary>An order batch's validation: <c>…:orders:{hash of the order numbers}</c>, so the same batch found again is a duplicate.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumbers">The batch's order numbers.</param>
    /// <returns>The instance id.</returns>
    public static string OrderBatchInstance(string connectionId, IEnumerable<string> orderNumbers) =>
        WorkflowInstanceId.For(IntegrationKinds.QbdShipStation, connectionId, "orders:" + Hash(string.Join('\n', orderNumbers.Order(StringComparer.Ordinal))));

    /// <summary>A shipment's posting: <c>…:shipment:{shipmentId}</c>; a redelivered SHIP_NOTIFY or the poll finding it again is a duplicate.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipmentId">The ShipStation shipment id.</param>
    /// <returns>The instance id.</returns>
    public static string ShipmentInstance(string connectionId, long shipmentId) =>
        WorkflowInstanceId.For(IntegrationKinds.QbdShipStation, connectionId, "shipment:" + shipmentId.ToString(CultureInfo.InvariantCulture));

    /// <summary>An inventory reconciliation: <c>…:inventory:{yyyyMMddHHmm}</c> of the scheduled occurrence.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="occurrenceUtc">The occurrence.</param>
    /// <returns>The instance id.</returns>
    public static string InventoryInstance(string connectionId, DateTimeOffset occurrenceUtc) =>
        WorkflowInstanceId.For(IntegrationKinds.QbdShipStation, connectionId, "inventory:" + occurrenceUtc.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture));

    /// <summary>
    /// A change to an order already in QuickBooks: <c>…:order-change:{order number}:{revision}</c>, so the same
    /// correction found twice, or a redelivered cancellation, is a duplicate.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="revision">The order's content revision (<see cref="OrderRevision"/>), or <c>cancelled</c>.</param>
    /// <returns>The instance id.</returns>
    public static string OrderChangeInstance(string connectionId, string orderNumber, string revision) =>
        WorkflowInstanceId.For(IntegrationKinds.QbdShipStation, connectionId, "order-change:" + orderNumber + ":" + revision);

    /// <summary>The revision of an order's content as QuickBooks records it (lines, shipping, total): a short hash that changes when any of them does.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The revision.</returns>
    public static string OrderRevision(QbdOrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var lines = string.Join('\n', order.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Sku}|{l.Quantity}|{l.UnitPrice}")));
        return Hash(string.Create(CultureInfo.InvariantCulture, $"{lines}\n{order.ShippingAmount}\n{order.OrderTotal}"))[..12];
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
}
