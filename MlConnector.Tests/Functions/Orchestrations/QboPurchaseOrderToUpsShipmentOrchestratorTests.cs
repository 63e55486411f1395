using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Orchestrations;
using MlConnector.Tests.Connectors.Ups;
using MlConnector.Tests.Functions.TestSupport;

namespace MlConnector.Tests.Functions.Orchestrations;

public class QboPurchaseOrderToUpsShipmentOrchestratorTests
{
    private const string ConnectionId = "acme-ups";
    private static readonly string InstanceId = QboUpsKeys.PurchaseOrderInstance(ConnectionId, "501");

    [Fact]
    public async Task RunAsync_PurchaseOrderDeletedInQbo_ReadsItOnceAndReturnsTheSkipReason()
    {
        // Arrange
        var input = new PurchaseOrderRef(ConnectionId, "501");
        var context = new OrchestrationContextMock(InstanceId, input)
            .Returns(nameof(QboReadPurchaseOrderActivity), new PlanResult(null, "The purchase order no longer exists in QuickBooks Online."));

        // Act
        var output = await QboPurchaseOrderToUpsShipmentOrchestrator.RunAsync(context.Object);

        // Assert
        var call = Assert.Single(context.Calls);
        Assert.Equal(nameof(QboReadPurchaseOrderActivity), call.Activity);
        Assert.Equal(JsonSerializer.Serialize(input, OrchestrationContextMock.Json), call.Request.InputJson);
        Assert.Equal("The purchase order no longer exists in QuickBooks Online.", output!.Value.GetProperty("skipReason").GetString());
        Assert.Null(output.Value.GetProperty("shipmentIdentificationNumber").GetString());
    }

    [Fact]
    public async Task RunAsync_ShipToAddressInvalid_FailsBeforeRatingOrShipping()
    {
        // Arrange
        var plan = new ShipmentPlan(ConnectionId, "501", "PO-501", UpsHarness.NewShipment());
        var context = new OrchestrationContextMock(InstanceId, new PurchaseOrderRef(ConnectionId, "501"))
            .Returns(nameof(QboReadPurchaseOrderActivity), new PlanResult(plan, null))
            .Fails(nameof(UpsValidateAddressActivity), ErrorKind.Validation, "UPS found no candidate for the ship-to address.");

        // Act
        var thrown = await Assert.ThrowsAsync<WorkflowActivityFailedException>(() => QboPurchaseOrderToUpsShipmentOrchestrator.RunAsync(context.Object));

        // Assert: a data error is not retried, and nothing is rated, shipped or posted.
        Assert.Contains("Validation", thrown.Message, StringComparison.Ordinal);
        Assert.Equal([nameof(QboReadPurchaseOrderActivity), nameof(UpsValidateAddressActivity)], context.Calls.Select(c => c.Activity));
    }
}
