using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

public class QboWritePackingTests
{
    [Theory]
    [InlineData(45, 55, 1, 30, 6)] // the page: 45 orders of known buyers, 55 new buyers: ⌈155 ÷ 30⌉
    [InlineData(30, 0, 0, 30, 1)] // known buyers only: one invoice batch
    [InlineData(0, 5, 6, 30, 2)] // 5 new buyers of 6 orders each: the creates, then the 30 invoices
    [InlineData(0, 60, 1, 30, 4)] // 60 new buyers: ⌈120 ÷ 30⌉
    [InlineData(4, 28, 1, 30, 2)] // 28 creates and 2 known invoices, then 2 known and 28 new invoices
    [InlineData(45, 55, 1, 10, 16)] // the page at Intuit's batch-page 10: ⌈155 ÷ 10⌉
    [InlineData(0, 5, 6, 10, 4)] // 5 creates, then their 30 invoices in 3 batches of 10
    public void CountBatches_FillsEachBatchWithTheCreatesAndTheInvoicesReady(int knownOrders, int newBuyers, int ordersEach, int batchSize, int expected) =>
        Assert.Equal(expected, QboWritePacking.CountBatches(knownOrders, [.. Enumerable.Repeat(ordersEach, newBuyers)], batchSize));

    [Fact]
    public void Next_CreatesFirstThenReadyInvoicesUpToThirty()
    {
        // Arrange
        var creates = Enumerable.Range(1, 25).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var invoices = Enumerable.Range(1, 40).ToList();

        // Act
        var (batchCreates, batchInvoices) = QboWritePacking.Next(creates, invoices, 30);

        // Assert
        Assert.Equal(creates, batchCreates);
        Assert.Equal([1, 2, 3, 4, 5], batchInvoices);
    }

    [Fact]
    public void Next_BatchSizeTen_TakesTenCreatesBeforeAnyInvoice()
    {
        // Arrange
        var creates = Enumerable.Range(1, 12).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var invoices = Enumerable.Range(1, 40).ToList();

        // Act
        var (batchCreates, batchInvoices) = QboWritePacking.Next(creates, invoices, 10);

        // Assert
        Assert.Equal(creates.Take(10), batchCreates);
        Assert.Empty(batchInvoices);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Next_BatchSizeOutsideOneToThirty_Throws(int batchSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QboWritePacking.Next<string, int>([], [], batchSize));
}
