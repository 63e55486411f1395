using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Activities;
using MlConnector.Functions.Orchestrations;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Functions.Activities;

/// <summary>The activity functions over Core's real activities, stores and audit on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShipStationQboActivitiesTests(AzuriteFixture azurite) : IDisposable
{
    private const string ConnectionId = "acme-store";
    private static readonly Uri ResourceUrl = new("https://ssapi.shipstation.com/orders?importBatch=1d7c3a");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly FunctionsServices _services = new(azurite.ConnectionString, azurite.NewPrefix());
    private readonly DurableClientMock _durable = new();

    [Fact]
    public async Task ShipStationFetchNotificationAsync_OrderNotify_StartsTheOrderOrchestratorThroughTheDurableClient()
    {
        // Arrange
        _services.ShipStation.Setup(s => s.GetOrdersFromResourceAsync(ConnectionId, ResourceUrl, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ShipStationOrder { OrderId = 77001, OrderNumber = "1001", OrderStatus = "awaiting_shipment" }]);
        using var scope = _services.Provider.CreateScope();
        var sut = CreateSut(scope);
        var request = Request(new NotificationInput(ConnectionId, "ORDER_NOTIFY", ResourceUrl));

        // Act
        var result = await sut.ShipStationFetchNotificationAsync(request, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Null(result.Failure);
        Assert.Equal("""{"found":1,"started":1,"duplicates":0,"skipped":0}""", result.OutputJson);
        Assert.Equal([(nameof(ShipStationOrderToQboInvoiceOrchestrator), ShipStationQboKeys.OrderInstance(ConnectionId, "1001"))], _durable.Scheduled);
    }

    [Fact]
    public async Task ShipStationFetchNotificationAsync_OrderNotifyPageOfThree_StartsOneBatchedChunkOrchestrator()
    {
        // Arrange
        _services.ShipStation.Setup(s => s.GetOrdersFromResourceAsync(ConnectionId, ResourceUrl, It.IsAny<CancellationToken>()))
            .ReturnsAsync([.. new[] { "1001", "1002", "1003" }.Select((n, i) => new ShipStationOrder { OrderId = 77001 + i, OrderNumber = n, OrderStatus = "awaiting_shipment" })]);
        using var scope = _services.Provider.CreateScope();
        var sut = CreateSut(scope);
        var request = Request(new NotificationInput(ConnectionId, "ORDER_NOTIFY", ResourceUrl));

        // Act
        var result = await sut.ShipStationFetchNotificationAsync(request, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Null(result.Failure);
        Assert.Equal("""{"found":3,"started":3,"duplicates":0,"skipped":0}""", result.OutputJson);
        Assert.Equal([(nameof(ShipStationOrderChunkToQboOrchestrator), ShipStationQboKeys.OrderChunkInstance(ConnectionId, ["1003", "1001", "1002"]))], _durable.Scheduled);
    }

    [Fact]
    public async Task QboCheckOrderAsync_ConnectionMissing_ReturnsAValidationFailureInsteadOfThrowing()
    {
        // Arrange
        using var scope = _services.Provider.CreateScope();
        var sut = CreateSut(scope);
        var request = Request(new OrderSnapshotRef("gone-store", "1001", 77001));

        // Act
        var result = await sut.QboCheckOrderAsync(request, CancellationToken.None);

        // Assert
        Assert.Null(result.OutputJson);
        Assert.Equal(ErrorKind.Validation, result.Failure!.Kind);
        Assert.Contains("gone-store", result.Failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _services.Dispose();

    private static WorkflowActivityRequest Request(object input)
        => new("shipstation-qbo:acme-store:test", TaskId: 1, Attempt: 1, JsonSerializer.Serialize(input, Json));

    private static ShipStationQboActivities CreateSut(IServiceScope scope) => FunctionsServices.CreateFunction<ShipStationQboActivities>(scope);
}
