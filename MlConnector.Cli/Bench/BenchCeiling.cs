using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Cli.Bench;

/// <summary>
/// The vendor's ceiling and the fewest QBO requests a bench run's page and batch sizes allow, to set the measured figures
/// against. The invoice phase needs, per chunk of up to 30 orders of a 100-order page, one invoice batch, one
/// <c>DocNumber in (…)</c> read and, for a chunk with buyers no earlier chunk had, one e-mail and one display-name read
/// and their creates: one customer batch, or one <c>POST customer</c> per new buyer on the request budget
/// (<see cref="ShipStationQboOrderBatchSync"/> picks per chunk whichever budget has more room). The shipment phase needs,
/// per 100-shipment page, one <c>DocNumber in (…)</c> read and one update batch per 30 invoices. QBO allows 40 batch
/// requests and 500 requests per minute per realm, a batch counting as a request too (PROTOCOL-NOTES.md §2): the
/// invoice ceiling is the best split of the new buyers' creates between the two budgets, the run's orders over the
/// longer of (batches ÷ 40) and (requests ÷ 500) minutes; the shipment ceiling is 40 ÷ (batches per shipment).
/// </summary>
/// <param name="MinInvoiceBatches">Batch requests the invoice phase needs at least (every new buyer created in a customer batch).</param>
/// <param name="MinShipmentBatches">Batch requests the shipment phase needs at least.</param>
/// <param name="MinQboRequests">QBO requests of both phases at least (batches and reads; every new buyer created in a customer batch).</param>
/// <param name="OrdersPerMinuteCeiling">Orders per minute to invoice at 40 batch requests and 500 requests per minute, at the best split.</param>
/// <param name="ShipmentsPerMinuteCeiling">Shipments per minute applied at 40 batch requests per minute.</param>
internal sealed record BenchCeiling(int MinInvoiceBatches, int MinShipmentBatches, int MinQboRequests, double OrdersPerMinuteCeiling, double ShipmentsPerMinuteCeiling)
{
    /// <summary>QBO's batch requests per minute per realm.</summary>
    public const int VendorBatchesPerMinute = 40;

    /// <summary>QBO's requests per minute per realm (batch requests included).</summary>
    public const int VendorRequestsPerMinute = 500;

    /// <summary>Orders per minute at 40 batch requests per minute when every new buyer goes into a customer batch.</summary>
    public double OrdersPerMinuteBatchOnly { get; init; }

    /// <summary>Customer creates sent one by one (<c>POST customer</c>) at the split that reaches <see cref="OrdersPerMinuteCeiling"/>.</summary>
    public int CustomersOneByOneAtCeiling { get; init; }

    /// <summary>QBO requests of both phases at the split that reaches <see cref="OrdersPerMinuteCeiling"/>.</summary>
    public int QboRequestsAtCeiling { get; init; }

    /// <summary>Computes the ceiling of a run.</summary>
    /// <param name="orders">The run's orders, in delivery order.</param>
    /// <param name="pageSize">Orders (and shipments) per webhook delivery.</param>
    /// <returns>The ceiling.</returns>
    public static BenchCeiling For(IReadOnlyList<DemoOrder> orders, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var newBuyersPerChunk = new List<int>();
        int chunks = 0, shipmentBatches = 0, pages = 0;
        foreach (var page in orders.Chunk(pageSize))
        {
            pages++;
            shipmentBatches += (page.Length + QuickBooksOnlineClient.MaxBatchItems - 1) / QuickBooksOnlineClient.MaxBatchItems;
            foreach (var chunk in page.Chunk(ShipStationQboOrderBatchSync.MaxChunkSize))
            {
                chunks++;
                var fresh = chunk.Select(o => o.CustomerEmail.Trim().ToLowerInvariant()).Where(seen.Add).Count();
                if (fresh > 0)
                {
                    newBuyersPerChunk.Add(fresh);
                }
            }
        }

        // Every chunk: an invoice batch (a request too) and a DocNumber read; a chunk with new buyers: two more reads.
        var chunksWithNewBuyers = newBuyersPerChunk.Count;
        var fixedBatches = chunks;
        var fixedRequests = chunks + chunks + (2 * chunksWithNewBuyers);

        // Sending a chunk's creates one by one saves a batch for as many requests as it has new buyers, so the chunks
        // with the fewest go first; the best split is the one that needs the fewest minutes.
        var (bestMinutes, bestOneByOne, bestRequests) = (double.MaxValue, 0, 0);
        var oneByOne = 0;
        var sorted = newBuyersPerChunk.Order().ToList();
        for (var k = 0; k <= sorted.Count; k++)
        {
            oneByOne += k > 0 ? sorted[k - 1] : 0;
            var batches = fixedBatches + (sorted.Count - k);
            var requests = fixedRequests + (sorted.Count - k) + oneByOne;
            var minutes = Math.Max(batches / (double)VendorBatchesPerMinute, requests / (double)VendorRequestsPerMinute);
            if (minutes < bestMinutes)
            {
                (bestMinutes, bestOneByOne, bestRequests) = (minutes, oneByOne, requests);
            }
        }

        var invoiceBatches = chunks + chunksWithNewBuyers;
        var minRequests = invoiceBatches + chunks + (2 * chunksWithNewBuyers) + pages + shipmentBatches;
        return new BenchCeiling(
            invoiceBatches,
            shipmentBatches,
            minRequests,
            Math.Round(orders.Count / Math.Max(bestMinutes, 1e-9), 1),
            Math.Round(orders.Count * VendorBatchesPerMinute / (double)Math.Max(1, shipmentBatches), 1))
        {
            OrdersPerMinuteBatchOnly = Math.Round(orders.Count * VendorBatchesPerMinute / (double)Math.Max(1, invoiceBatches), 1),
            CustomersOneByOneAtCeiling = bestOneByOne,
            QboRequestsAtCeiling = bestRequests + pages + shipmentBatches,
        };
    }
}
