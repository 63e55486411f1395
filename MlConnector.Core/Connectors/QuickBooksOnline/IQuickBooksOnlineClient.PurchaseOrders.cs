namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Purchase-order writes (PurchaseOrder entity: contracts/quickbooks-online/xsd/Finance.xsd).</summary>
public partial interface IQuickBooksOnlineClient
{
    /// <summary>
    /// Finds purchase orders by DocNumber (<c>select * from PurchaseOrder where DocNumber = '…'</c>), keeping those
    /// <paramref name="filter"/> accepts; the oldest when several match.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="docNumber">The PO number (QBO allows 21 characters).</param>
    /// <param name="filter">Narrows the match, for example by a marker in <c>PrivateNote</c>; null keeps all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The purchase order, or null.</returns>
    Task<QboPurchaseOrder?> FindPurchaseOrderByDocNumberAsync(string connectionId, string docNumber, Func<QboPurchaseOrder, bool>? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a purchase order (<c>POST …/purchaseorder?requestid=…</c>); a repeated <paramref name="requestId"/> returns the first one.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="purchaseOrder">The purchase order, without an Id.</param>
    /// <param name="requestId">The idempotency key (at most 50 characters), the same for every retry of this create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created purchase order.</returns>
    Task<QboPurchaseOrder> CreatePurchaseOrderAsync(string connectionId, QboPurchaseOrder purchaseOrder, string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates a purchase order with a sparse update built from the current one (read first for its <c>SyncToken</c>; on a
    /// stale-object error read and build once more). Sent lines replace all lines.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="purchaseOrderId">The purchase order.</param>
    /// <param name="buildUpdate">Builds the change from the current purchase order; fields left null are not sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated purchase order.</returns>
    Task<QboPurchaseOrder> UpdatePurchaseOrderAsync(string connectionId, string purchaseOrderId, Func<QboPurchaseOrder, QboPurchaseOrderUpdate> buildUpdate, CancellationToken cancellationToken = default);
}
