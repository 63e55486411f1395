using MlConnector.Cli.Bench;
using MlConnector.Cli.Demo;

namespace MlConnector.Tests.Cli;

public class BenchCeilingTests
{
    [Fact]
    public void For_EveryOrderANewBuyer_PacksTheCreatesWithTheInvoices()
    {
        // Arrange: one page of 60 orders, each from its own buyer: one chunk with 60 new buyers.
        var orders = Enumerable.Range(1, 60).Select(i => Order(i, buyer: i)).ToList();

        // Act
        var sut = BenchCeiling.For(orders, pageSize: 100);

        // Assert: 60 creates and 60 invoices in ⌈120 ÷ 30⌉ = 4 batches (600/min); reads: a DocNumber read, 120 e-mail
        // spellings (2 queries), 180 candidate names (2 queries). One by one saves 2 batches for 60 requests:
        // max(2/40, 67/500) = 0.134 min is slower than packed max(4/40, 9/500) = 0.1 min.
        Assert.Equal((4, 2, 4 + 5 + 1 + 2), (sut.MinInvoiceBatches, sut.MinShipmentBatches, sut.MinQboRequests));
        Assert.Equal(600, sut.OrdersPerMinuteBatchOnly);
        Assert.Equal(600, sut.OrdersPerMinuteCeiling);
        Assert.Equal(0, sut.CustomersOneByOneAtCeiling);
        Assert.Equal(sut.MinQboRequests, sut.QboRequestsAtCeiling);
        Assert.Equal(1200, sut.ShipmentsPerMinuteCeiling);
    }

    [Fact]
    public void For_PageMixingKnownAndNewBuyers_NeedsCeilingOfItemsOverThirtyBatches()
    {
        // Arrange: a first page of 100 buyers, then a page of 45 orders from them and 55 from new buyers.
        var first = Enumerable.Range(1, 100).Select(i => Order(i, buyer: i)).ToList();
        var second = Enumerable.Range(101, 100).Select(i => Order(i, buyer: i <= 145 ? i - 100 : i)).ToList();

        // Act
        var one = BenchCeiling.For(first, pageSize: 100);
        var both = BenchCeiling.For([.. first, .. second], pageSize: 100);

        // Assert: the second page's 155 items fill 6 batches (before: 4 invoice and 4 customer batches).
        Assert.Equal(6, both.MinInvoiceBatches - one.MinInvoiceBatches);
    }

    [Fact]
    public void For_OneBuyer_CreatesItOneByOneAndReachesOneBatchPerChunk()
    {
        // Arrange: 60 orders of one buyer: only the first chunk brings a new buyer.
        var orders = Enumerable.Range(1, 60).Select(i => Order(i, buyer: 7)).ToList();

        // Act
        var sut = BenchCeiling.For(orders, pageSize: 100);

        // Assert: one create one by one leaves 2 invoice batches (1,200/min); in a batch, 3 (800/min).
        Assert.Equal(800, sut.OrdersPerMinuteBatchOnly);
        Assert.Equal(1200, sut.OrdersPerMinuteCeiling);
        Assert.Equal(1, sut.CustomersOneByOneAtCeiling);
    }

    [Fact]
    public void For_BatchSizeTen_CountsBatchesOfTenAndLowersTheCeilingToMatch()
    {
        // Arrange: the same 60 orders of 60 buyers as above, at Intuit's batch-page 10 items per batch.
        var orders = Enumerable.Range(1, 60).Select(i => Order(i, buyer: i)).ToList();

        // Act
        var sut = BenchCeiling.For(orders, pageSize: 100, batchSize: 10);

        // Assert: 120 items in 12 batches (200/min packed); 6 shipment batches (400/min). One by one leaves the 6 invoice
        // batches for 60 creates: max(6/40, (6 + 5 + 60)/500) = 0.15 min, 400/min, faster than packed max(12/40, 17/500) = 0.3 min.
        Assert.Equal((12, 6), (sut.MinInvoiceBatches, sut.MinShipmentBatches));
        Assert.Equal(200, sut.OrdersPerMinuteBatchOnly);
        Assert.Equal(400, sut.OrdersPerMinuteCeiling);
        Assert.Equal(60, sut.CustomersOneByOneAtCeiling);
        Assert.Equal(400, sut.ShipmentsPerMinuteCeiling);
    }

    private static DemoOrder Order(int number, int buyer) => new(
        (10000 + number).ToString(CultureInfo.InvariantCulture),
        "Buyer " + buyer.ToString(CultureInfo.InvariantCulture),
        $"Buyer{buyer}@example.com ",
        "1 Roaster Ave",
        "Boulder",
        "CO",
        "80302",
        [new DemoOrderLine("MUG-12-WHT", "Ceramic Mug 12oz", 1, 14.00m)],
        "UPS Ground",
        7.95m,
        1.02m,
        new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero).AddMinutes(number));
}
