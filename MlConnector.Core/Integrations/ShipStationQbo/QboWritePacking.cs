using MlConnector.Core.Connectors.QuickBooksOnline;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// How a page's QBO writes fill batch requests (<see cref="ShipStationQboOrderBatchSync"/>, issue #12): each batch takes the
/// new buyers' customer creates still to send first, then fills up to the batch size (the client's
/// <see cref="IQuickBooksOnlineClient.BatchMaxItems"/>, 30 by default) with the invoices that
/// can go now, those of buyers whose customer exists (known buyers from the start; a new buyer once the batch that created
/// its customer has answered). So a page of <c>n</c> orders with <c>c</c> new buyers costs about ⌈(n + c) ÷ 30⌉ batch
/// requests (at the default 30) instead of one invoice batch and one customer batch per 30 orders.
/// </summary>
/// <remarks>
/// One batch request may mix entities and operations: each <c>BatchItemRequest</c> carries its own entity and its own
/// <c>operation</c> (contracts/quickbooks-online/xsd/IntuitRestServiceDef.xsd, <c>BatchItemRequest</c>: a choice of
/// <c>IntuitObject</c>, <c>Query</c>, <c>ReportQuery</c> or <c>CDCQuery</c>, with an <c>operation</c> attribute per item).
/// Items of one batch do not see each other: "a batch request containing a customer create followed by an invoice create:
/// that new customer object is not available to the invoice create request" (Intuit, developer.intuit.com/hub/blog/2017/07/27/batch-operations-important),
/// so an invoice never shares a batch with its own buyer's create.
/// </remarks>
public static class QboWritePacking
{
    /// <summary>The items of the next batch: creates first, then ready invoices, at most <paramref name="batchSize"/> in all.</summary>
    /// <typeparam name="TCreate">A customer create.</typeparam>
    /// <typeparam name="TInvoice">An invoice create.</typeparam>
    /// <param name="creates">The creates still to send, in the order to send them.</param>
    /// <param name="readyInvoices">The invoices whose customer exists, in the order to send them.</param>
    /// <param name="batchSize">The most items in one batch request (1–30: <see cref="IQuickBooksOnlineClient.BatchMaxItems"/>).</param>
    /// <returns>The creates and invoices of the next batch; both empty when nothing is left to send.</returns>
    public static (IReadOnlyList<TCreate> Creates, IReadOnlyList<TInvoice> Invoices) Next<TCreate, TInvoice>(IReadOnlyList<TCreate> creates, IReadOnlyList<TInvoice> readyInvoices, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(creates);
        ArgumentNullException.ThrowIfNull(readyInvoices);
        CheckBatchSize(batchSize);
        var batchCreates = creates.Take(batchSize).ToList();
        return (batchCreates, [.. readyInvoices.Take(batchSize - batchCreates.Count)]);
    }

    /// <summary>The batch requests a page needs when every item commits, packed by <see cref="Next"/>.</summary>
    /// <param name="knownOrders">Orders whose buyer's customer exists.</param>
    /// <param name="ordersPerNewBuyer">For each new buyer, in the order their creates are sent, how many of the page's orders are theirs.</param>
    /// <param name="batchSize">The most items in one batch request (1–30).</param>
    /// <returns>The number of batch requests.</returns>
    public static int CountBatches(int knownOrders, IReadOnlyList<int> ordersPerNewBuyer, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(knownOrders);
        ArgumentNullException.ThrowIfNull(ordersPerNewBuyer);
        CheckBatchSize(batchSize);
        int created = 0, ready = knownOrders, batches = 0;
        while (created < ordersPerNewBuyer.Count || ready > 0)
        {
            var creates = Math.Min(batchSize, ordersPerNewBuyer.Count - created);
            ready -= Math.Min(batchSize - creates, ready);
            for (var i = created; i < created + creates; i++)
            {
                ready += ordersPerNewBuyer[i];
            }

            created += creates;
            batches++;
        }

        return batches;
    }

    /// <summary>Batches of <paramref name="items"/> items at <paramref name="batchSize"/> a batch: ⌈items ÷ batchSize⌉.</summary>
    /// <param name="items">The items.</param>
    /// <param name="batchSize">The most items in one batch request (1–30).</param>
    /// <returns>The number of batch requests.</returns>
    public static int Batches(int items, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(items);
        CheckBatchSize(batchSize);
        return (items + batchSize - 1) / batchSize;
    }

    private static void CheckBatchSize(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, QuickBooksOnlineClient.MaxBatchItems);
    }
}
