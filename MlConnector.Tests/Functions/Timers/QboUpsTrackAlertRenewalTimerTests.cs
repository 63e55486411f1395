using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Functions.Timers;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Timers;

/// <summary>The Track Alert renewal timer over Core's real job, subscriber and stores on Azurite and the real UPS client against the UPS simulator.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboUpsTrackAlertRenewalTimerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private UpsSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await UpsSandbox.StartAsync(azurite);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task RunAsync_UndeliveredPackageNeverSubscribed_SubscribesItAtUpsAndStoresTheExpiry()
    {
        // Arrange
        var trackingNumber = await _sandbox.ShipAsync();
        using var scope = _sandbox.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<QboUpsTrackAlertRenewalTimer>(scope);

        // Act
        await sut.RunAsync(new TimerInfo(), CancellationToken.None);

        // Assert
        var row = await _sandbox.Provider.GetRequiredService<UpsShipmentStore>().GetAsync(UpsSandbox.ConnectionId, trackingNumber);
        Assert.Equal(1, _sandbox.Ups.SubscriptionRequestCount);
        Assert.NotNull(_sandbox.Ups.GetSubscriptionExpiry(trackingNumber));
        Assert.NotNull(row!.SubscribedUntilUtc);
    }
}
