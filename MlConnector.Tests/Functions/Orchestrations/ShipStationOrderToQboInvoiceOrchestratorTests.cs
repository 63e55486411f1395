using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Orchestrations;
using MlConnector.Tests.Functions.TestSupport;

namespace MlConnector.Tests.Functions.Orchestrations;

public class ShipStationOrderToQboInvoiceOrchestratorTests
{
    private static readonly OrderSnapshotRef Order = new("acme-store", "1001", 77001);
    private static readonly string InstanceId = ShipStationQboKeys.OrderInstance("acme-store", "1001");

    [Fact]
    public async Task RunAsync_ValidOrder_ChecksEnsuresCustomerAndCreatesInvoiceWithTheirInputs()
    {
        // Arrange
        var context = CreateContext()
            .Returns(nameof(QboCheckOrderActivity), new OrderCheck(null))
            .Returns(nameof(QboEnsureCustomerActivity), "58")
            .Returns(nameof(QboCreateInvoiceActivity), new InvoiceResult("145", true));

        // Act
        var output = await ShipStationOrderToQboInvoiceOrchestrator.RunAsync(context.Object);

        // Assert
        Assert.Equal(
            [nameof(QboCheckOrderActivity), nameof(QboEnsureCustomerActivity), nameof(QboCreateInvoiceActivity)],
            context.Calls.Select(c => c.Activity));
        const string orderJson = """{"connectionId":"acme-store","orderNumber":"1001","orderId":77001}""";
        Assert.Equal(orderJson, context.Calls[0].Request.InputJson);
        Assert.Equal(orderJson, context.Calls[1].Request.InputJson);
        Assert.Equal($$"""{"order":{{orderJson}},"customerId":"58"}""", context.Calls[2].Request.InputJson);
        Assert.All(context.Calls, c => Assert.Equal(InstanceId, c.Request.InstanceId));
        Assert.Equal([1, 2, 3], context.Calls.Select(c => c.Request.TaskId));
        Assert.Equal("""{"orderNumber":"1001","customerId":"58","invoiceId":"145","invoiceCreated":true,"skippedReason":null}""", output?.GetRawText());
    }

    [Fact]
    public async Task RunAsync_CheckFailsValidation_FailsWithTheKindAndCreatesNothing()
    {
        // Arrange
        var context = CreateContext().Fails(nameof(QboCheckOrderActivity), ErrorKind.Validation, "SKU WIDGET-9 has no QBO item; add it to the 'sku' mapping.");

        // Act
        var thrown = await Assert.ThrowsAsync<WorkflowActivityFailedException>(() => ShipStationOrderToQboInvoiceOrchestrator.RunAsync(context.Object));

        // Assert
        Assert.Contains("Validation: SKU WIDGET-9", thrown.Message, StringComparison.Ordinal);
        Assert.Equal([nameof(QboCheckOrderActivity)], context.Calls.Select(c => c.Activity));
    }

    [Fact]
    public async Task RunAsync_CancelledOrder_CompletesSkippedWithoutCustomerOrInvoice()
    {
        // Arrange
        var context = CreateContext().Returns(nameof(QboCheckOrderActivity), new OrderCheck("The order is cancelled in ShipStation."));

        // Act
        var output = await ShipStationOrderToQboInvoiceOrchestrator.RunAsync(context.Object);

        // Assert
        Assert.Single(context.Calls);
        Assert.Equal("The order is cancelled in ShipStation.", output!.Value.GetProperty("skippedReason").GetString());
    }

    private static OrchestrationContextMock CreateContext() => new(InstanceId, Order);
}
