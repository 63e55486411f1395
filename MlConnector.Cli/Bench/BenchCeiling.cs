using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Cli.Bench;

/// <summary>
/// The vendor's ceiling and the fewest QBO requests a bench run's page and batch sizes allow, to set the measured figures
/// against. The invoice phase needs, per chunk (a 100-order page, <see cref="ShipStationQboOrderBatchSync.MaxChunkSize"/>),
/// one <c>DocNumber in (…)</c> read and, for a chunk with buyers no earlier chunk had, the e-mail and display-name reads
/// (100 values per query) and their creates: packed with the invoices into batches of the configured size (30 by default,
/// <see cref="QuickBooksOnlineOptions.BatchMaxItems"/>; <see cref="QboWritePacking"/>:
/// creates first, each batch filled with the invoices whose customer exists), or one <c>POST customer</c> per new buyer on
/// the request budget, which leaves only the invoices' ⌈orders ÷ batch size⌉ batches (<see cref="ShipStationQboOrderBatchSync"/>
/// picks per chunk whichever budget has more room, and only when packing adds batches). The shipment phase needs, per
/// 100-shipment page, one <c>DocNumber in (…)</c> read and one update batch per batch-size invoices. QBO allows 40 batch requests
/// and 500 requests per minute per realm, a batch counting as a request too (PROTOCOL-NOTES.md §2): the invoice ceiling is
/// the best split of the chunks between the two ways, the run's orders over the longer of (batches ÷ 40) and
/// (requests ÷ 500) minutes; the shipment ceiling is 40 ÷ (batches per shipment).
/// </summary>
/// <param name="MinInvoiceBatches">Batch requests the invoice phase needs at least (every new buyer's create packed into the batches).</param>
/// <param name="MinShipmentBatches">Batch requests the shipment phase needs at least.</param>
/// <param name="MinQboRequests">QBO requests of both phases at least (batches and reads; every new buyer's create packed into the batches).</param>
/// <param name="OrdersPerMinuteCeiling">Orders per minute to invoice at 40 batch requests and 500 requests per minute, at the best split.</param>
/// <param name="ShipmentsPerMinuteCeiling">Shipments per minute applied at 40 batch requests per minute.</param>
internal sealed record BenchCeiling(int MinInvoiceBatches, int MinShipmentBatches, int MinQboRequests, double OrdersPerMinuteCeiling, double ShipmentsPerMinuteCeiling)
{
    /// <summary>QBO's batch requests per minute per realm.</summary>
    public const int VendorBatchesPerMinute = 40;

    /// <summary>QBO's requests per minute per realm (batch requests included).</summary>
    public const int VendorRequestsPerMinute = 500;

    /// <summary>Orders per minute at 40 batch requests per minute when every new buyer's create is packed into the batches.</summary>
    public double OrdersPerMinuteBatchOnly { get; init; }

    /// <summary>Customer creates sent one by one (<c>POST customer</c>) at the split that reaches <see cref="OrdersPerMinuteCeiling"/>.</summary>
    public int CustomersOneByOneAtCeiling { get; init; }

    /// <summary>QBO requests of both phases at the split that reaches <see cref="OrdersPerMinuteCeiling"/>.</summary>
    public int QboRequestsAtCeiling { get; init; }

    /// <summary>Computes the ceiling of a run.</summary>
    /// <param name="orders">The run's orders, in delivery order.</param>
    /// <param name="pageSize">Orders (and shipments) per webhook delivery.</param>
    /// <param name="batchSize">Items per QBO batch request, as the run's host is configured (<see cref="QuickBooksOnlineOptions.BatchMaxItems"/>).</param>
    /// <returns>The ceiling.</returns>
    public static BenchCeiling For(IReadOnlyList<DemoOrder> orders, int pageSize, int batchSize = QuickBooksOnlineClient.MaxBatchItems)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var known = new HashSet<string>(StringComparer.Ordinal);
        var chunks = new List<ChunkCost>();
        int shipmentBatches = 0, pages = 0;
        foreach (var page in orders.Chunk(pageSize))
        {
            pages++;
            shipmentBatches += QboWritePacking.Batches(page.Length, batchSize);
            foreach (var chunk in page.Chunk(ShipStationQboOrderBatchSync.MaxChunkSize))
            {
                chunks.Add(Cost(chunk, known, batchSize));
            }
        }

        // Sending a chunk's creates one by one saves the batches they add for as many requests as it has new buyers, so
        // the chunks that save a batch most cheaply go first; the best split is the one that needs the fewest minutes.
        var packedBatches = chunks.Sum(c => c.PackedBatches);
        var reads = chunks.Sum(c => c.Reads);
        var (bestMinutes, bestOneByOne, bestRequests) = (double.MaxValue, 0, 0);
        var (batches, oneByOne) = (packedBatches, 0);
        var candidates = chunks.Where(c => c.PackedBatches > c.InvoiceBatches).OrderBy(c => c.NewBuyers / (double)(c.PackedBatches - c.InvoiceBatches)).ToList();
        for (var k = 0; k <= candidates.Count; k++)
        {
            if (k > 0)
            {
                batches -= candidates[k - 1].PackedBatches - candidates[k - 1].InvoiceBatches;
                oneByOne += candidates[k - 1].NewBuyers;
            }

            var requests = batches + reads + oneByOne;
            var minutes = Math.Max(batches / (double)VendorBatchesPerMinute, requests / (double)VendorRequestsPerMinute);
            if (minutes < bestMinutes)
            {
                (bestMinutes, bestOneByOne, bestRequests) = (minutes, oneByOne, requests);
            }
        }

        var minRequests = packedBatches + reads + pages + shipmentBatches;
        return new BenchCeiling(
            packedBatches,
            shipmentBatches,
            minRequests,
            Math.Round(orders.Count / Math.Max(bestMinutes, 1e-9), 1),
            Math.Round(orders.Count * VendorBatchesPerMinute / (double)Math.Max(1, shipmentBatches), 1))
        {
            OrdersPerMinuteBatchOnly = Math.Round(orders.Count * VendorBatchesPerMinute / (double)Math.Max(1, packedBatches), 1),
            CustomersOneByOneAtCeiling = bestOneByOne,
            QboRequestsAtCeiling = bestRequests + pages + shipmentBatches,
        };
    }

    /// <summary>What one chunk costs: its packed batches, its invoices' own batches, its new buyers and its reads.</summary>
    private static ChunkCost Cost(DemoOrder[] chunk, HashSet<string> known, int batchSize)
    {
        var buyers = chunk.Select(o => ShipStationBuyer.From(new ShipStationOrder { OrderId = 0, OrderNumber = o.OrderNumber, OrderStatus = "awaiting_shipment", CustomerName = o.CustomerName, CustomerEmail = o.CustomerEmail })).ToList();
        var fresh = buyers.Where(b => !known.Contains(b.Key)).ToList();
        var newBuyers = fresh.DistinctBy(b => b.Key).ToList();
        var packed = QboWritePacking.CountBatches(chunk.Length - fresh.Count, [.. newBuyers.Select(b => fresh.Count(f => f.Key == b.Key))], batchSize);
        var reads = (chunk.Length + QboQuery.MaxInValues - 1) / QboQuery.MaxInValues;
        if (newBuyers.Count > 0)
        {
            // The e-mail read asks for each spelling (normalized and as sent), the name read for every candidate name.
            var spellings = chunk.Zip(buyers).Where(p => p.Second.Email is not null && !known.Contains(p.Second.Key)).SelectMany(p => new[] { p.Second.Email!, p.First.CustomerEmail.Trim() }).Distinct(StringComparer.Ordinal).Count();
            var names = newBuyers.SelectMany(ShipStationQboCustomerNames.Candidates).Distinct(StringComparer.Ordinal).Count();
            reads += ((spellings + QboQuery.MaxInValues - 1) / QboQuery.MaxInValues) + ((names + QboQuery.MaxInValues - 1) / QboQuery.MaxInValues);
        }

        known.UnionWith(newBuyers.Select(b => b.Key));
        return new ChunkCost(packed, QboWritePacking.Batches(chunk.Length, batchSize), newBuyers.Count, reads);
    }

    private sealed record ChunkCost(int PackedBatches, int InvoiceBatches, int NewBuyers, int Reads);
}
