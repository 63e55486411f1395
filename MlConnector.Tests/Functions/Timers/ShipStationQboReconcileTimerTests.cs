using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Functions.Orchestrations;
using MlConnector.Functions.Timers;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Functions.Timers;

/// <summary>The reconcile timer over Core's real job, reconciler and stores on Azurite, with a Moq Durable client.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShipStationQboReconcileTimerTests(AzuriteFixture azurite) : IDisposable
{
    private const string ConnectionId = "acme-store";

    private readonly FunctionsServices _services = new(azurite.ConnectionString, azurite.NewPrefix());
    private readonly DurableClientMock _durable = new();

    [Fact]
    public async Task RunAsync_OrderTheWebhooksMissed_StartsItsOrchestratorThroughTheDurableClient()
    {
        // Arrange
        await _services.Provider.GetRequiredService<IConnectionStore>().CreateAsync(new Connection { Id = ConnectionId, Kind = IntegrationKinds.ShipStationQbo });
        _services.ShipStation.Setup(s => s.ListOrdersAsync(ConnectionId, It.IsAny<ShipStationOrderQuery>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ShipStationPage<ShipStationOrder>([new ShipStationOrder { OrderId = 77002, OrderNumber = "1002", OrderStatus = "awaiting_shipment" }], 1, 1, 1));
        using var scope = _services.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<ShipStationQboReconcileTimer>(scope);

        // Act
        await sut.RunAsync(new TimerInfo(), _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal([(nameof(ShipStationOrderToQboInvoiceOrchestrator), ShipStationQboKeys.OrderInstance(ConnectionId, "1002"))], _durable.Scheduled);
    }

    public void Dispose() => _services.Dispose();
}
