using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Orchestrations;
using MlConnector.Tests.Functions.TestSupport;

namespace MlConnector.Tests.Functions.Orchestrations;

public class ShipStationShipmentToQboInvoiceOrchestratorTests
{
    private static readonly string InstanceId = ShipStationQboKeys.ShipmentInstance("acme-store", 550001);

    [Fact]
    public async Task RunAsync_Shipment_AppliesItToTheInvoiceAndReturnsTheResult()
    {
        // Arrange
        var shipment = CreateShipmentRef();
        var context = new OrchestrationContextMock(InstanceId, shipment)
            .Returns(nameof(QboApplyShipmentActivity), new ShipmentSyncResult("1001", 550001, "145", true));

        // Act
        var output = await ShipStationShipmentToQboInvoiceOrchestrator.RunAsync(context.Object);

        // Assert
        var call = Assert.Single(context.Calls);
        Assert.Equal(nameof(QboApplyShipmentActivity), call.Activity);
        Assert.Equal(JsonSerializer.Serialize(shipment, OrchestrationContextMock.Json), call.Request.InputJson);
        Assert.Equal("145", output!.Value.GetProperty("invoiceId").GetString());
    }

    [Fact]
    public async Task RunAsync_InvoiceNeedsReconsent_FailsWithoutRetrying()
    {
        // Arrange
        var context = new OrchestrationContextMock(InstanceId, CreateShipmentRef())
            .Fails(nameof(QboApplyShipmentActivity), ErrorKind.NeedsReconsent, "The QBO refresh token was revoked.");

        // Act
        var thrown = await Assert.ThrowsAsync<WorkflowActivityFailedException>(() => ShipStationShipmentToQboInvoiceOrchestrator.RunAsync(context.Object));

        // Assert
        Assert.Contains("NeedsReconsent", thrown.Message, StringComparison.Ordinal);
        Assert.Single(context.Calls);
    }

    private static ShipmentSnapshotRef CreateShipmentRef() => new("acme-store", "1001", 550001);
}
