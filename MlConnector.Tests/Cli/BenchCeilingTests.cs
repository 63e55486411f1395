using MlConnector.Cli.Bench;
using MlConnector.Cli.Demo;

namespace MlConnector.Tests.Cli;

public class BenchCeilingTests
{
    [Fact]
    public void For_EveryOrderANewBuyer_SplitsTheCreatesBetweenTheBatchAndRequestBudgets()
    {
        // Arrange: one page of 60 orders, each from its own buyer: two chunks of 30 new buyers.
        var orders = Enumerable.Range(1, 60).Select(i => Order(i, buyer: i)).ToList();

        // Act
        var sut = BenchCeiling.For(orders, pageSize: 100);

        // Assert: all in batches, 4 batches (600/min); one chunk's creates one by one: 3 batches and 2 + 2 + 4 reads,
        // 3 batches and 30 creates = 39 requests, max(3/40, 39/500) = 0.078 min (769.2/min); both one by one: 68 requests (0.136 min).
        Assert.Equal((4, 2, 13), (sut.MinInvoiceBatches, sut.MinShipmentBatches, sut.MinQboRequests));
        Assert.Equal(600, sut.OrdersPerMinuteBatchOnly);
        Assert.Equal(769.2, sut.OrdersPerMinuteCeiling);
        Assert.Equal(30, sut.CustomersOneByOneAtCeiling);
        Assert.Equal(39 + 1 + 2, sut.QboRequestsAtCeiling);
        Assert.Equal(1200, sut.ShipmentsPerMinuteCeiling);
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
