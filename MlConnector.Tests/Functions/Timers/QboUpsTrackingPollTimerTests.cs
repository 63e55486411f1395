using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Functions.Orchestrations;
using MlConnector.Functions.Timers;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Timers;

/// <summary>
/// The tracking-poll timer over Core's real job, dispatcher and stores on Azurite and the real UPS client against the UPS
/// simulator over loopback, with a Moq Durable client.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboUpsTrackingPollTimerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly DurableClientMock _durable = new();
    private UpsSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await UpsSandbox.StartAsync(azurite);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task RunAsync_StatusNoPushBrought_StartsTheTrackingOrchestratorThroughTheDurableClient()
    {
        // Arrange: the package is picked up, and no Track Alert push reached us (no webhook is configured at the simulator).
        var trackingNumber = await _sandbox.ShipAsync();
        await _sandbox.Ups.AdvanceAsync(trackingNumber);
        var expectedId = await ExpectedInstanceAsync(trackingNumber);
        using var scope = _sandbox.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<QboUpsTrackingPollTimer>(scope);

        // Act
        await sut.RunAsync(new TimerInfo(), _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal([(nameof(UpsTrackingToQboBillOrchestrator), expectedId)], _durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_SecondRunWithoutANewStatus_SchedulesNothingMore()
    {
        // Arrange
        var trackingNumber = await _sandbox.ShipAsync();
        using (var first = _sandbox.Provider.CreateScope())
        {
            await FunctionsServices.CreateFunction<QboUpsTrackingPollTimer>(first).RunAsync(new TimerInfo(), _durable.Object, CancellationToken.None);
        }

        using var scope = _sandbox.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<QboUpsTrackingPollTimer>(scope);

        // Act
        await sut.RunAsync(new TimerInfo(), _durable.Object, CancellationToken.None);

        // Assert: the second run finds the first run's instance through the Durable client and starts no other.
        Assert.Equal([(nameof(UpsTrackingToQboBillOrchestrator), await ExpectedInstanceAsync(trackingNumber))], _durable.Scheduled);
    }

    /// <summary>The instance the package's current UPS status must start, from what UPS's Tracking API reports now.</summary>
    private async Task<string> ExpectedInstanceAsync(string trackingNumber)
    {
        var status = Assert.Single(await _sandbox.Provider.GetRequiredService<IUpsClient>().TrackAsync(UpsSandbox.ConnectionId, [trackingNumber]));
        return QboUpsKeys.TrackingInstance(UpsSandbox.ConnectionId, trackingNumber, UpsTrackingText.StatusKey(status));
    }
}
