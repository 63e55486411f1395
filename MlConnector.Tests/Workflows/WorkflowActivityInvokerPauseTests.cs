using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Workflows;

/// <summary>The activity-side half of a pause that holds: an instance already running when its connection is paused
/// stops before its next target write (real Table Storage on Azurite).</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WorkflowActivityInvokerPauseTests(AzuriteFixture azurite)
{
    private const string ConnectionId = "pause-c1";
    private const string InstanceId = "shipstation-qbo:pause-c1:order:1001";

    private readonly WorkflowProbe _probe = new();
    private readonly TableProvider _tables = azurite.NewTables();

    [Fact]
    public async Task RunAsync_TargetWriteOfPausedConnection_DoesNotRunAndHoldsTheInstanceOnce()
    {
        // Arrange
        var (sut, store, connections) = await CreateSutAsync();
        await connections.PauseAsync(ConnectionId, "month-end");

        // Act
        var first = await sut.RunAsync(new PostInvoiceActivity(_probe), Request());
        var again = await sut.RunAsync(new PostInvoiceActivity(_probe), Request());

        // Assert
        Assert.Equal(0, _probe.ShipAttempts);
        Assert.Equal(ErrorKind.Paused, first.Failure!.Kind);
        Assert.Null(first.OutputJson);
        Assert.Contains("paused", first.Failure.Message, StringComparison.Ordinal);
        Assert.False(WorkflowRetryPolicy.IsRetryableByDefault(first.Failure));
        Assert.Equal(ErrorKind.Paused, again.Failure!.Kind);
        var held = Assert.Single(await store.ListAsync(ConnectionId));
        Assert.Equal((HeldWorkKind.Replay, InstanceId), (held.Kind, held.InstanceId));
    }

    [Fact]
    public async Task RunAsync_ReadOrActiveConnection_Runs()
    {
        // Arrange
        var (sut, store, connections) = await CreateSutAsync();

        // Act: a write while active; a read (no TargetWrite) while paused.
        var write = await sut.RunAsync(new PostInvoiceActivity(_probe), Request());
        await connections.PauseAsync(ConnectionId, "month-end");
        var read = await sut.RunAsync(new ShipOrderActivity(_probe), Request());

        // Assert
        Assert.Equal("\"INV-1001\"", write.OutputJson);
        Assert.Equal("\"TRK-1001\"", read.OutputJson);
        Assert.Equal(2, _probe.ShipAttempts);
        Assert.Empty(await store.ListAsync(ConnectionId));
    }

    [Theory]
    [InlineData(typeof(Core.Integrations.ShipStationQbo.Activities.QboSyncOrderChunkActivity))]
    [InlineData(typeof(Core.Integrations.ShipStationQbo.Activities.QboApplyShipmentChunkActivity))]
    public void BatchedActivities_AreTargetWritesWhoseInstancesNameTheirConnection(Type activity)
    {
        // Arrange: the instance ids the dispatcher gives chunks.
        var orderChunk = Core.Integrations.ShipStationQbo.ShipStationQboKeys.OrderChunkInstance(ConnectionId, ["1001", "1002"]);
        var shipmentChunk = Core.Integrations.ShipStationQbo.ShipStationQboKeys.ShipmentChunkInstance(ConnectionId, [new(ConnectionId, "1001", 7)]);

        // Act / Assert: the shared pause gate holds them (no check of their own).
        Assert.True(TargetWriteAttribute.IsOn(activity));
        Assert.Equal(ConnectionId, WorkflowInstanceId.GetConnectionId(orderChunk));
        Assert.Equal(ConnectionId, WorkflowInstanceId.GetConnectionId(shipmentChunk));
    }

    private static WorkflowActivityRequest Request() =>
        new(InstanceId, 2, 1, """{"connectionId":"pause-c1","orderNumber":"1001"}""");

    private async Task<(WorkflowActivityInvoker Sut, HeldWorkStore Store, IConnectionStore Connections)> CreateSutAsync()
    {
        var connections = new TableConnectionStore(_tables, TimeProvider.System);
        await connections.CreateAsync(DemoSandbox.Connection(new Uri("http://127.0.0.1:1/"), new Uri("http://127.0.0.1:2/")) with { Id = ConnectionId });
        var store = new HeldWorkStore(_tables, TimeProvider.System);
        return (new WorkflowActivityInvoker(NullLogger<WorkflowActivityInvoker>.Instance, new ConnectionPauseGate(connections, store)), store, connections);
    }
}
