using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The integration's orders (table <c>{prefix}QbdShipStation</c>): each ShipStation order's snapshot as QuickBooks will see
/// it (customer full name, lines, amounts), its check against QuickBooks' lists, the add queued for it and the QuickBooks
/// transaction recorded. Workflows pass order numbers; activities read the rest here.
/// </summary>
/// <param name="tables">The table provider.</param>
/// <param name="connections">The connection store (customer and item mappings).</param>
public sealed class QbdOrderStore(TableProvider tables, IConnectionStore connections)
{
    private const string Pending = nameof(QbdOrderReview.Pending);

    /// <summary>Saves (or refreshes) an order's snapshot; its check, reservation and transaction are kept.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="order">The ShipStation order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order number.</returns>
    public async Task<string> SaveAsync(string connectionId, ShipStationOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var connection = await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new InvalidOperationException($"Connection {connectionId} does not exist.");
        var customer = connection.GetMapping(QbdShipStationNames.CustomerMapping, order.CustomerEmail ?? string.Empty)
            ?? connection.GetMapping(QbdShipStationNames.CustomerMapping, order.CustomerName ?? string.Empty)
            ?? order.CustomerName?.Trim()
            ?? string.Empty;
        var lines = order.Items.Where(i => !i.IsAdjustment)
            .Select(i => new QbdOrderLine(i.Sku ?? string.Empty, i.Name, i.Quantity, i.UnitPrice))
            .ToList();
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        await table.UpsertEntityAsync(
            new QbdOrderEntity
            {
                PartitionKey = TableKeys.Escape(connectionId),
                RowKey = TableKeys.Escape(order.OrderNumber),
                OrderId = order.OrderId,
                OrderNumber = order.OrderNumber,
                OrderStatus = order.OrderStatus,
                CustomerFullName = customer,
                LinesJson = JsonSerializer.Serialize(lines, WorkflowJsonOptions),
                ShippingAmountText = order.ShippingAmount.ToString(CultureInfo.InvariantCulture),
                OrderTotalText = order.OrderTotal.ToString(CultureInfo.InvariantCulture),
            },
            TableUpdateMode.Merge,
            cancellationToken);
        return order.OrderNumber;
    }

    /// <summary>Reads an order.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order, or null when it was never saved.</returns>
    public async Task<QbdOrderRecord?> GetAsync(string connectionId, string orderNumber, CancellationToken cancellationToken = default)
    {
        var row = await GetRowAsync(connectionId, orderNumber, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>An order with its connection (settings and mappings), for building its QuickBooks transaction.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connection and the order.</returns>
    /// <exception cref="InvalidOperationException">When the connection does not exist or the order was never saved.</exception>
    public async Task<(Connection Connection, QbdOrderRecord Order)> GetForPostingAsync(string connectionId, string orderNumber, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken) ?? throw new InvalidOperationException($"Connection {connectionId} does not exist.");
        var order = await GetAsync(connectionId, orderNumber, cancellationToken) ?? throw new InvalidOperationException($"Order {orderNumber} was never saved.");
        return (connection, order);
    }

    /// <summary>The QuickBooks item full name an order line maps to (<c>qbdItems</c>, else the SKU).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sku">The SKU.</param>
    /// <returns>The item full name.</returns>
    public static string ItemFullName(Connection connection, string sku)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.GetMapping(QbdShipStationNames.ItemMapping, sku) ?? sku;
    }

    /// <summary>Records an order's check.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="review">The verdict.</param>
    /// <param name="missing">What QuickBooks does not know, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task SetReviewAsync(string connectionId, string orderNumber, QbdOrderReview review, string? missing, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        var row = new TableEntity(TableKeys.Escape(connectionId), TableKeys.Escape(orderNumber)) { ["Review"] = review.ToString(), ["Missing"] = missing ?? string.Empty };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Reserves the order's one add for a request: only one run queues an add for an order. Because a connection's
    /// outbox is answered in order, a run that finds the add reserved by another re-queries by RefNumber instead; its
    /// query is answered after that add ran.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="requestId">This run's add request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Null when the add is this request's; else the request id holding it.</returns>
    public async Task<string?> TryReserveAddAsync(string connectionId, string orderNumber, string requestId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        var row = await GetRowAsync(connectionId, orderNumber, cancellationToken)
            ?? throw new InvalidOperationException($"Order {orderNumber} of connection {connectionId} was never saved.");
        if (!string.IsNullOrEmpty(row.AddRequestId))
        {
            return row.AddRequestId == requestId ? null : row.AddRequestId;
        }

        try
        {
            await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["AddRequestId"] = requestId }, row.ETag, TableUpdateMode.Merge, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return (await GetRowAsync(connectionId, orderNumber, cancellationToken))?.AddRequestId ?? "another run";
        }
    }

    /// <summary>Releases the order's add reservation when it is <paramref name="requestId"/>'s (its add failed or never ran).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="requestId">The request that held it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    public async Task ReleaseAddAsync(string connectionId, string orderNumber, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await GetRowAsync(connectionId, orderNumber, cancellationToken);
        if (row?.AddRequestId == requestId)
        {
            var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
            await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["AddRequestId"] = string.Empty }, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>Marks a saved order shipped (a label was made), so inventory no longer counts it as open; an order never saved is left alone.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task MarkShippedAsync(string connectionId, string orderNumber, CancellationToken cancellationToken = default)
    {
        if (await GetRowAsync(connectionId, orderNumber, cancellationToken) is { } row && row.OrderStatus != "shipped")
        {
            var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
            await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["OrderStatus"] = "shipped" }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>Records the QuickBooks transaction of an order.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="txnId">The QuickBooks <c>TxnID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task SetTxnAsync(string connectionId, string orderNumber, string txnId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(connectionId), TableKeys.Escape(orderNumber)) { ["TxnId"] = txnId }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Every order of the connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The orders.</returns>
    public async Task<IReadOnlyList<QbdOrderRecord>> ListAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var list = new List<QbdOrderRecord>();
        await foreach (var row in table.QueryAsync<QbdOrderEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.OrderNumber is not null)
            {
                list.Add(ToRecord(row));
            }
        }

        return list;
    }

    private static readonly JsonSerializerOptions WorkflowJsonOptions = new(JsonSerializerDefaults.Web);

    private static QbdOrderRecord ToRecord(QbdOrderEntity row) => new(
        row.OrderId,
        row.OrderNumber ?? string.Empty,
        row.OrderStatus ?? string.Empty,
        row.CustomerFullName ?? string.Empty,
        JsonSerializer.Deserialize<List<QbdOrderLine>>(row.LinesJson ?? "[]", WorkflowJsonOptions) ?? [],
        decimal.Parse(row.ShippingAmountText ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
        decimal.Parse(row.OrderTotalText ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
        Enum.TryParse<QbdOrderReview>(string.IsNullOrEmpty(row.Review) ? Pending : row.Review, out var review) ? review : QbdOrderReview.Pending,
        string.IsNullOrEmpty(row.Missing) ? null : row.Missing,
        string.IsNullOrEmpty(row.TxnId) ? null : row.TxnId);

    private async Task<QbdOrderEntity?> GetRowAsync(string connectionId, string orderNumber, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        return await table.GetEntityOrNullAsync<QbdOrderEntity>(TableKeys.Escape(connectionId), TableKeys.Escape(orderNumber), cancellationToken: cancellationToken);
    }
}
