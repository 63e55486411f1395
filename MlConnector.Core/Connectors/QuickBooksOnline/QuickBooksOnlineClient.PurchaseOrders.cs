using MlConnector.Core.Connectors.QuickBooksOnline.Wire;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Purchase-order writes, on the client's shared create, sparse-update and DocNumber-query paths.</summary>
public sealed partial class QuickBooksOnlineClient
{
    /// <inheritdoc />
    public async Task<QboPurchaseOrder?> FindPurchaseOrderByDocNumberAsync(string connectionId, string docNumber, Func<QboPurchaseOrder, bool>? filter = null, CancellationToken cancellationToken = default) =>
        await FindByDocNumberAsync(connectionId, Entities.PurchaseOrder, docNumber, q => q.PurchaseOrder, filter, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When the purchase order has an Id, or <paramref name="requestId"/> is empty or too long.</exception>
    public async Task<QboPurchaseOrder> CreatePurchaseOrderAsync(string connectionId, QboPurchaseOrder purchaseOrder, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchaseOrder);
        return await CreateEntityAsync(connectionId, Entities.PurchaseOrder, purchaseOrder, purchaseOrder.Id, requestId, QuickBooksOnlineJsonContext.Default.QboPurchaseOrder, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboPurchaseOrder> UpdatePurchaseOrderAsync(string connectionId, string purchaseOrderId, Func<QboPurchaseOrder, QboPurchaseOrderUpdate> buildUpdate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buildUpdate);
        return await SparseUpdateAsync(
            connectionId,
            Entities.PurchaseOrder,
            purchaseOrderId,
            buildUpdate,
            update => update is { Line: null, POStatus: null, PrivateNote: null, TxnDate: null },
            (current, syncToken, update) => new PurchaseOrderSparseUpdateWire
            {
                Id = current.Id ?? purchaseOrderId,
                SyncToken = syncToken,
                Line = update.Line,
                POStatus = update.POStatus,
                PrivateNote = update.PrivateNote,
                TxnDate = update.TxnDate,
            },
            QuickBooksOnlineJsonContext.Default.PurchaseOrderSparseUpdateWire,
            cancellationToken);
    }
}
