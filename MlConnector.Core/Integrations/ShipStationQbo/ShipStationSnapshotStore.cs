using Azure;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Keeps the ShipStation orders, shipments and fulfillments that webhooks and polls fetched, so workflows carry ids only
/// and activities read the document without calling ShipStation again (its 40 requests per minute are precious).
/// Blobs: <c>shipstation-qbo/{connectionId}/orders/{orderNumber}.json</c>, <c>…/shipments/{shipmentId}.json</c> and
/// <c>…/fulfillments/{fulfillmentId}.json</c>; a newer fetch replaces an older one.
/// </summary>
/// <param name="blobs">The blob container of ml-connector.</param>
public sealed class ShipStationSnapshotStore(BlobContainerProvider blobs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores an order.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="order">The order as fetched.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handle for workflows.</returns>
    public async Task<OrderSnapshotRef> SaveOrderAsync(string connectionId, ShipStationOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        await UploadAsync(OrderPath(connectionId, order.OrderNumber), order, cancellationToken);
        return new OrderSnapshotRef(connectionId, order.OrderNumber, order.OrderId);
    }

    /// <summary>Stores a shipment.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipment">The shipment as fetched.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handle for workflows.</returns>
    public async Task<ShipmentSnapshotRef> SaveShipmentAsync(string connectionId, ShipStationShipment shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        await UploadAsync(ShipmentPath(connectionId, shipment.ShipmentId), shipment, cancellationToken);
        return new ShipmentSnapshotRef(connectionId, shipment.OrderNumber, shipment.ShipmentId);
    }

    /// <summary>Stores a fulfillment.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="fulfillment">The fulfillment as fetched.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handle for workflows (source <see cref="ShipmentSource.Fulfillment"/>).</returns>
    public async Task<ShipmentSnapshotRef> SaveFulfillmentAsync(string connectionId, ShipStationFulfillment fulfillment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fulfillment);
        await UploadAsync(FulfillmentPath(connectionId, fulfillment.FulfillmentId), fulfillment, cancellationToken);
        return new ShipmentSnapshotRef(connectionId, fulfillment.OrderNumber, fulfillment.FulfillmentId, ShipmentSource.Fulfillment);
    }

    /// <summary>Reads an order.</summary>
    /// <param name="reference">The handle.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order.</returns>
    /// <exception cref="ConnectorException">NotFound when the snapshot is gone.</exception>
    public Task<ShipStationOrder> GetOrderAsync(OrderSnapshotRef reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return DownloadAsync<ShipStationOrder>(OrderPath(reference.ConnectionId, reference.OrderNumber), cancellationToken);
    }

    /// <summary>Reads a shipment.</summary>
    /// <param name="reference">The handle; its source must be <see cref="ShipmentSource.Label"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The shipment.</returns>
    /// <exception cref="ArgumentException">When the handle names a fulfillment.</exception>
    /// <exception cref="ConnectorException">NotFound when the snapshot is gone.</exception>
    public Task<ShipStationShipment> GetShipmentAsync(ShipmentSnapshotRef reference, CancellationToken cancellationToken = default)
    {
        RequireSource(reference, ShipmentSource.Label);
        return DownloadAsync<ShipStationShipment>(ShipmentPath(reference.ConnectionId, reference.ShipmentId), cancellationToken);
    }

    /// <summary>Reads a fulfillment.</summary>
    /// <param name="reference">The handle; its source must be <see cref="ShipmentSource.Fulfillment"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The fulfillment.</returns>
    /// <exception cref="ArgumentException">When the handle names a label shipment.</exception>
    /// <exception cref="ConnectorException">NotFound when the snapshot is gone.</exception>
    public Task<ShipStationFulfillment> GetFulfillmentAsync(ShipmentSnapshotRef reference, CancellationToken cancellationToken = default)
    {
        RequireSource(reference, ShipmentSource.Fulfillment);
        return DownloadAsync<ShipStationFulfillment>(FulfillmentPath(reference.ConnectionId, reference.ShipmentId), cancellationToken);
    }

    /// <summary>
    /// Reads a shipment update of either source with its memo line: a label as fetched, or a fulfillment mapped to the
    /// same shape (<see cref="ShipStationQboMapper.ToShipmentUpdate"/>).
    /// </summary>
    /// <param name="reference">The handle.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The update and its memo line.</returns>
    /// <exception cref="ConnectorException">NotFound when the snapshot is gone.</exception>
    public async Task<(ShipStationShipment Shipment, string MemoLine)> GetShipmentUpdateAsync(ShipmentSnapshotRef reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Source == ShipmentSource.Fulfillment)
        {
            var fulfillment = await GetFulfillmentAsync(reference, cancellationToken);
            return (ShipStationQboMapper.ToShipmentUpdate(fulfillment), ShipStationQboMapper.FulfilledMemo(fulfillment));
        }

        var shipment = await GetShipmentAsync(reference, cancellationToken);
        return (shipment, ShipStationQboMapper.ShippedMemo(shipment));
    }

    private static void RequireSource(ShipmentSnapshotRef reference, ShipmentSource expected)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Source != expected)
        {
            throw new ArgumentException($"ShipStation document {reference.ShipmentId} is a {reference.Source}, not a {expected}.", nameof(reference));
        }
    }

    private static string OrderPath(string connectionId, string orderNumber) =>
        $"shipstation-qbo/{Uri.EscapeDataString(connectionId)}/orders/{Uri.EscapeDataString(orderNumber)}.json";

    private static string ShipmentPath(string connectionId, long shipmentId) =>
        $"shipstation-qbo/{Uri.EscapeDataString(connectionId)}/shipments/{shipmentId.ToString(CultureInfo.InvariantCulture)}.json";

    private static string FulfillmentPath(string connectionId, long fulfillmentId) =>
        $"shipstation-qbo/{Uri.EscapeDataString(connectionId)}/fulfillments/{fulfillmentId.ToString(CultureInfo.InvariantCulture)}.json";

    private async Task UploadAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        var container = await blobs.GetAsync(cancellationToken);
        await container.GetBlobClient(path).UploadAsync(BinaryData.FromObjectAsJson(value, Json), overwrite: true, cancellationToken);
    }

    private async Task<T> DownloadAsync<T>(string path, CancellationToken cancellationToken)
    {
        var container = await blobs.GetAsync(cancellationToken);
        try
        {
            var content = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<T>(Json)
                ?? throw new ConnectorException("shipstation", ErrorKind.NotFound, $"The stored ShipStation document {path} is empty.");
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new ConnectorException("shipstation", ErrorKind.NotFound, $"The stored ShipStation document {path} is missing; fetch it again (reconcile).", innerException: ex);
        }
    }
}
