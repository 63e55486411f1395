using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Activities;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Activities;

/// <summary>
/// The QBO ↔ UPS activity functions over Core's real activities, stores and audit on Azurite, with the real UPS client
/// against the UPS simulator over loopback (the QBO client is a strict mock that no test here expects to be called).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboUpsActivitiesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private UpsSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await UpsSandbox.StartAsync(azurite);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task UpsSubscribeTrackAlertAsync_ShippedPackage_SubscribesItAtUps()
    {
        // Arrange
        var trackingNumber = await _sandbox.ShipAsync();
        using var scope = _sandbox.Provider.CreateScope();
        var sut = CreateSut(scope);
        var request = Request(new TrackAlertRequest(UpsSandbox.ConnectionId, [trackingNumber]));

        // Act
        var result = await sut.UpsSubscribeTrackAlertAsync(request, CancellationToken.None);

        // Assert
        Assert.Null(result.Failure);
        var output = JsonSerializer.Deserialize<TrackAlertResult>(result.OutputJson!, Json)!;
        Assert.Equal((1, 0, null), (output.Accepted, output.Rejected, output.Error));
        Assert.NotNull(_sandbox.Ups.GetSubscriptionExpiry(trackingNumber));
    }

    [Fact]
    public async Task QboApplyTrackingAsync_PackageWithoutCostEntry_KeepsTheStatusOnTheShipmentWithoutCallingQbo()
    {
        // Arrange
        var trackingNumber = await _sandbox.ShipAsync();
        await _sandbox.Ups.AdvanceAsync(trackingNumber);
        var status = Assert.Single(await _sandbox.Provider.GetRequiredService<IUpsClient>().TrackAsync(UpsSandbox.ConnectionId, [trackingNumber]));
        using var scope = _sandbox.Provider.CreateScope();
        var sut = CreateSut(scope);
        var request = Request(new TrackingUpdate(UpsSandbox.ConnectionId, status, "poll"));

        // Act
        var result = await sut.QboApplyTrackingAsync(request, CancellationToken.None);

        // Assert
        Assert.Null(result.Failure);
        Assert.Equal(new TrackingApplyResult(trackingNumber, null, false, false), JsonSerializer.Deserialize<TrackingApplyResult>(result.OutputJson!, Json));
        var row = await _sandbox.Provider.GetRequiredService<UpsShipmentStore>().GetAsync(UpsSandbox.ConnectionId, trackingNumber);
        Assert.Equal(UpsTrackingText.StatusText(status), row!.StatusText);
    }

    private static WorkflowActivityRequest Request(object input)
        => new("qbo-ups:acme-ups:test", TaskId: 1, Attempt: 1, JsonSerializer.Serialize(input, Json));

    private static QboUpsActivities CreateSut(IServiceScope scope) => FunctionsServices.CreateFunction<QboUpsActivities>(scope);
}
