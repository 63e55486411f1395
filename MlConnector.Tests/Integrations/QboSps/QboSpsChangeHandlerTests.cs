using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;
using Moq;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// The QBO change handler of <c>qbo-sps</c>: each Invoice change starts the 810 under the invoice's id (once per invoice) and
/// the 856 check under the invoice's and the change's id, so an update that adds the tracking number reaches the 856.
/// </summary>
public sealed class QboSpsChangeHandlerTests
{
    private static readonly Connection Connection = new() { Id = "acme-sps", Kind = IntegrationKinds.QboSps };

    [Fact]
    public async Task DispatchAsync_InvoiceCreatedThenUpdated_Starts810OnceAndAShipNoticeCheckPerChange()
    {
        // Arrange
        var started = new List<(string Workflow, string Id)>();
        var workflows = new Mock<IWorkflowClient>();
        workflows.Setup(w => w.StartAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, string id, object _, CancellationToken _) =>
            {
                var duplicate = started.Any(s => s.Id == id);
                started.Add((name, id));
                return new WorkflowStartResult(id, duplicate, WorkflowRuntimeStatus.Running);
            });
        var sut = new QboSpsChangeHandler(workflows.Object);
        var created = new QboEntityChange("9130", "Invoice", "145", "Create", new DateTimeOffset(2026, 7, 2, 9, 0, 0, TimeSpan.Zero), "e1");
        var shipped = created with { Operation = "Update", OccurredUtc = new DateTimeOffset(2026, 7, 3, 15, 0, 0, TimeSpan.Zero), EventId = "e2" };

        // Act
        var first = await sut.DispatchAsync(Connection, created);
        var second = await sut.DispatchAsync(Connection, shipped);

        // Assert
        Assert.Equal(QboChangeDispatchOutcome.Started, first.Outcome);
        Assert.Equal(QboChangeDispatchOutcome.Duplicate, second.Outcome);
        Assert.Equal(
            [QboSpsChangeHandler.ShipNoticeInstance("acme-sps", "145", created), QboSpsChangeHandler.ShipNoticeInstance("acme-sps", "145", shipped)],
            started.Where(s => s.Workflow == nameof(QboShipNoticeToSpsWorkflow)).Select(s => s.Id));
        Assert.NotEqual(QboSpsChangeHandler.ShipNoticeInstance("acme-sps", "145", created), QboSpsChangeHandler.ShipNoticeInstance("acme-sps", "145", shipped));
        Assert.Equal(2, started.Count(s => s.Workflow == nameof(QboInvoiceToSpsWorkflow) && s.Id == QboSpsChangeHandler.InvoiceInstance("acme-sps", "145")));
    }

    [Fact]
    public void ShipNoticeInstance_SameChangeFromWebhookAndCdc_IsOneInstance()
    {
        // Arrange: the same change carries different event ids on the two channels, but the same time.
        var at = new DateTimeOffset(2026, 7, 3, 15, 0, 0, TimeSpan.Zero);
        var webhook = new QboEntityChange("9130", "Invoice", "145", "Update", at, "cloudevent-1");
        var cdc = webhook with { EventId = "cdc-9130-Invoice-145" };

        // Act / Assert
        Assert.Equal(QboSpsChangeHandler.ShipNoticeInstance("acme-sps", "145", webhook), QboSpsChangeHandler.ShipNoticeInstance("acme-sps", "145", cdc));
    }
}
