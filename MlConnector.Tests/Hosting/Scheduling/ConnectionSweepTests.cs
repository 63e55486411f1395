using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;
using Moq;

namespace MlConnector.Tests.Hosting.Scheduling;

public sealed class ConnectionSweepTests
{
    [Fact]
    public async Task RunAsync_OneConnectionFails_ReportsItSkipsPausedAndFilteredAndRunsTheRest()
    {
        // Arrange
        var store = new Mock<IConnectionStore>(MockBehavior.Strict);
        store.Setup(s => s.ListAsync("qbo-ups", It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Connection("a-broken"),
            Connection("b-paused") with { Paused = true },
            Connection("c-filtered"),
            Connection("d-fine"),
        ]);
        var ran = new List<string>();
        var failed = new List<string>();

        // Act
        await ConnectionSweep.RunAsync(
            store.Object,
            "qbo-ups",
            (c, _) =>
            {
                ran.Add(c.Id);
                return c.Id == "a-broken" ? throw new InvalidOperationException("boom") : Task.CompletedTask;
            },
            (ex, c) => failed.Add($"{c.Id}: {ex.Message}"),
            c => c.Id != "c-filtered");

        // Assert
        Assert.Equal(["a-broken", "d-fine"], ran);
        Assert.Equal(["a-broken: boom"], failed);
    }

    [Fact]
    public async Task RunAsync_Cancelled_PropagatesInsteadOfReportingAFailure()
    {
        // Arrange
        var store = new Mock<IConnectionStore>();
        store.Setup(s => s.ListAsync(null, It.IsAny<CancellationToken>())).ReturnsAsync([Connection("a-one")]);
        using var cancel = new CancellationTokenSource();
        var failed = 0;

        // Act
        var act = () => ConnectionSweep.RunAsync(
            store.Object,
            kind: null,
            (_, ct) =>
            {
                cancel.Cancel();
                ct.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            },
            (_, _) => failed++,
            cancellationToken: cancel.Token);

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(act);
        Assert.Equal(0, failed);
    }

    private static Connection Connection(string id) => new() { Id = id, Kind = IntegrationKinds.QboUps };
}
