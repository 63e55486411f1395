using Microsoft.DurableTask;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Orchestrations;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Functions.TestSupport;
using Moq;

namespace MlConnector.Tests.Functions.Orchestrations;

public class ShipStationNotificationOrchestratorTests
{
    private static readonly NotificationInput Notification = new("acme-store", "SHIP_NOTIFY", new Uri("https://ssapi.shipstation.com/shipments?batchId=12345"));
    private static readonly string InstanceId = ShipStationQboKeys.NotificationInstance("acme-store", "SHIP_NOTIFY", Notification.ResourceUrl);

    [Fact]
    public async Task RunAsync_Notification_FetchesItOnceAndReturnsWhatWasDispatched()
    {
        // Arrange
        var context = new OrchestrationContextMock(InstanceId, Notification).Returns(nameof(ShipStationFetchNotificationActivity), new DispatchResult(2, 1, 1, 0));

        // Act
        var output = await ShipStationNotificationOrchestrator.RunAsync(context.Object);

        // Assert
        var call = Assert.Single(context.Calls);
        Assert.Equal(nameof(ShipStationFetchNotificationActivity), call.Activity);
        Assert.Equal("""{"connectionId":"acme-store","resourceType":"SHIP_NOTIFY","resourceUrl":"https://ssapi.shipstation.com/shipments?batchId=12345"}""", call.Request.InputJson);
        Assert.Equal("""{"found":2,"started":1,"duplicates":1,"skipped":0}""", output?.GetRawText());
    }

    [Fact]
    public async Task RunAsync_ShipStationRateLimitsOnce_WaitsOnADurableTimerAndFetchesAgain()
    {
        // Arrange
        var context = new OrchestrationContextMock(InstanceId, Notification)
            .Fails(nameof(ShipStationFetchNotificationActivity), ErrorKind.RateLimited, "429 Too Many Requests")
            .Returns(nameof(ShipStationFetchNotificationActivity), new DispatchResult(1, 1, 0, 0));

        // Act
        await ShipStationNotificationOrchestrator.RunAsync(context.Object);

        // Assert
        Assert.Equal([1, 2], context.Calls.Select(c => c.Request.Attempt));
        var delay = ShipStationNotificationWorkflow.FetchRetry.FirstRetryInterval;
        context.Mock.Verify(c => c.CreateTimer(OrchestrationContextMock.Now.Add(delay), CancellationToken.None), Times.Once);
        context.Mock.Verify(c => c.CallActivityAsync<WorkflowActivityResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Exactly(2));
    }
}
