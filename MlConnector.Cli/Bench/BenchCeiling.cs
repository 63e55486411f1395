using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Cli.Bench;

/// <summary>
/// The vendor's ceiling and the fewest QBO requests a bench run's page and batch sizes allow, to set the measured figures
/// against. The invoice phase needs, per chunk of up to 30 orders of a 100-order page, one invoice batch, one customer
/// batch when the chunk has a buyer no earlier chunk had, one <c>DocNumber in (…)</c> read and, for such a chunk, one
/// e-mail and one display-name read; the shipment phase, per 100-shipment page, one <c>DocNumber in (…)</c> read and one
/// update batch per 30 invoices. QBO allows 40 batch requests per minute per realm (PROTOCOL-NOTES.md §2), so the
/// ceilings are 40 ÷ (minimum batches per order); the 500 requests/min budget does not bind at these counts.
/// </summary>
/// <param name="MinInvoiceBatches">Batch requests the invoice phase needs at least.</param>
/// <param name="MinShipmentBatches">Batch requests the shipment phase needs at least.</param>
/// <param name="MinQboRequests">QBO requests of both phases at least (batches and reads).</param>
/// <param name="OrdersPerMinuteCeiling">Orders per minute to invoice at 40 batch requests per minute.</param>
/// <param name="ShipmentsPerMinuteCeiling">Shipments per minute applied at 40 batch requests per minute.</param>
internal sealed record BenchCeiling(int MinInvoiceBatches, int MinShipmentBatches, int MinQboRequests, double OrdersPerMinuteCeiling, double ShipmentsPerMinuteCeiling)
{
    /// <summary>QBO's batch requests per minute per realm.</summary>
    public const int VendorBatchesPerMinute = 40;

    /// <summary>Computes the ceiling of a run.</summary>
    /// <param name="orders">The run's orders, in delivery order.</param>
    /// <param name="pageSize">Orders (and shipments) per webhook delivery.</param>
    /// <returns>The ceiling.</returns>
    public static BenchCeiling For(IReadOnlyList<DemoOrder> orders, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int chunks = 0, chunksWithNewBuyers = 0, shipmentBatches = 0, pages = 0;
        foreach (var page in orders.Chunk(pageSize))
        {
            pages++;
            shipmentBatches += (page.Length + QuickBooksOnlineClient.MaxBatchItems - 1) / QuickBooksOnlineClient.MaxBatchItems;
            foreach (var chunk in page.Chunk(ShipStationQboOrderBatchSync.MaxChunkSize))
            {
                chunks++;
                var fresh = chunk.Select(o => o.CustomerEmail.Trim().ToLowerInvariant()).Where(seen.Add).Count();
                chunksWithNewBuyers += fresh > 0 ? 1 : 0;
            }
        }

        var invoiceBatches = chunks + chunksWithNewBuyers;
        var minRequests = invoiceBatches + chunks + (2 * chunksWithNewBuyers) + pages + shipmentBatches;
        return new BenchCeiling(
            invoiceBatches,
            shipmentBatches,
            minRequests,
            Math.Round(orders.Count * VendorBatchesPerMinute / (double)Math.Max(1, invoiceBatches), 1),
            Math.Round(orders.Count * VendorBatchesPerMinute / (double)Math.Max(1, shipmentBatches), 1));
    }
}
