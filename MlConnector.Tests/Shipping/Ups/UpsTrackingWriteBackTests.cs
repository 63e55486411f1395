using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Tests.Shipping.Ups;

/// <summary>
/// The converging write-back alone: the rows' text is read and written, then read again and written again while it
/// changed, at most <see cref="UpsTrackingWriteBack.MaxRounds"/> writes. The rows are a list of texts the reader walks.
/// </summary>
public sealed class UpsTrackingWriteBackTests
{
    [Fact]
    public async Task WriteUntilCurrentAsync_RowsUnchangedAfterWrite_WritesOnce()
    {
        var written = new List<string>();

        var (text, rounds) = await UpsTrackingWriteBack.WriteUntilCurrentAsync(_ => Task.FromResult("1Z1: Pickup Scan"), (t, _) => Record(written, t));

        Assert.Equal(("1Z1: Pickup Scan", 1), (text, rounds));
        Assert.Equal(["1Z1: Pickup Scan"], written);
    }

    [Fact]
    public async Task WriteUntilCurrentAsync_RowsNewerAfterWrite_WritesTheNewerText()
    {
        var rows = new Queue<string>(["1Z1: Pickup Scan", "1Z1: Delivered", "1Z1: Delivered"]);
        var written = new List<string>();

        var (text, rounds) = await UpsTrackingWriteBack.WriteUntilCurrentAsync(_ => Task.FromResult(rows.Dequeue()), (t, _) => Record(written, t));

        Assert.Equal(("1Z1: Delivered", 2), (text, rounds));
        Assert.Equal(["1Z1: Pickup Scan", "1Z1: Delivered"], written);
    }

    [Fact]
    public async Task WriteUntilCurrentAsync_RowsChangingEveryRead_StopsAfterMaxRounds()
    {
        var reads = 0;
        var written = new List<string>();

        var (text, rounds) = await UpsTrackingWriteBack.WriteUntilCurrentAsync(_ => Task.FromResult($"status {++reads}"), (t, _) => Record(written, t));

        Assert.Equal(("status 3", UpsTrackingWriteBack.MaxRounds), (text, rounds));
        Assert.Equal(["status 1", "status 2", "status 3"], written);
        Assert.Equal(3, reads);
    }

    private static Task Record(List<string> written, string text)
    {
        written.Add(text);
        return Task.CompletedTask;
    }
}
