using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Orchestrations;
using MlConnector.Tests.Connectors.Ups;
using MlConnector.Tests.Functions.TestSupport;

namespace MlConnector.Tests.Functions.Orchestrations;

public class UpsTrackingToQboBillOrchestratorTests
{
    private const string ConnectionId = "acme-ups";

    [Fact]
    public async Task RunAsync_DeliveredStatus_AppliesItToTheBillAndReturnsTheResult()
    {
        // Arrange
        var update = CreateUpdate();
        var context = new OrchestrationContextMock(InstanceId(update), update)
            .Returns(nameof(QboApplyTrackingActivity), new TrackingApplyResult(update.Status.TrackingNumber, "212", Changed: true, Delivered: true));

        // Act
        var output = await UpsTrackingToQboBillOrchestrator.RunAsync(context.Object);

        // Assert
        var call = Assert.Single(context.Calls);
        Assert.Equal(nameof(QboApplyTrackingActivity), call.Activity);
        Assert.Equal(JsonSerializer.Serialize(update, OrchestrationContextMock.Json), call.Request.InputJson);
        Assert.Equal("212", output!.Value.GetProperty("costEntityId").GetString());
        Assert.True(output.Value.GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task RunAsync_QboNeedsReconsent_FailsWithoutRetrying()
    {
        // Arrange
        var update = CreateUpdate();
        var context = new OrchestrationContextMock(InstanceId(update), update)
            .Fails(nameof(QboApplyTrackingActivity), ErrorKind.NeedsReconsent, "The QBO refresh token was revoked.");

        // Act
        var thrown = await Assert.ThrowsAsync<WorkflowActivityFailedException>(() => UpsTrackingToQboBillOrchestrator.RunAsync(context.Object));

        // Assert
        Assert.Contains("NeedsReconsent", thrown.Message, StringComparison.Ordinal);
        Assert.Single(context.Calls);
    }

    /// <summary>UPS's own delivered example event (UPSTrackAlert.yaml), as the webhook hands it to the workflow.</summary>
    private static TrackingUpdate CreateUpdate() => new(ConnectionId, UpsTrackAlertPayload.Parse(UpsContract.TrackAlertExample("2")), "trackalert");

    private static string InstanceId(TrackingUpdate update) =>
        QboUpsKeys.TrackingInstance(ConnectionId, update.Status.TrackingNumber, UpsTrackingText.StatusKey(update.Status));
}
