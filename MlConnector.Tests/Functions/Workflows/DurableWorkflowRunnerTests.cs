using Microsoft.DurableTask;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Workflows.TestWorkflows;
using Moq;

namespace MlConnector.Tests.Functions.Workflows;

/// <summary>A Core workflow (the standalone runner's OrderSyncWorkflow) run as a Durable orchestration over Moq.</summary>
public class DurableWorkflowRunnerTests
{
    private const string InstanceId = "shipstation-qbo:c42:order:1001";
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private readonly Mock<TaskOrchestrationContext> _durable = new();
    private readonly List<string?> _statuses = [];

    public DurableWorkflowRunnerTests()
    {
        _durable.SetupGet(c => c.InstanceId).Returns(InstanceId);
        _durable.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        _durable.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _durable.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => _statuses.Add(((JsonElement?)s)?.GetRawText()));
        using var input = JsonDocument.Parse("""{"connectionId":"c42","orderNumber":"1001","maxAttempts":3}""");
        _durable.Setup(c => c.GetInput<WorkflowEnvelope>()).Returns(new WorkflowEnvelope(input.RootElement.Clone(), InstanceId, 0, null));
    }

    [Fact]
    public async Task RunAsync_ShipFailsOnceTransiently_CompletesWithBothResultsAndStatuses()
    {
        // Arrange
        SetupActivity(nameof(CreateInvoiceActivity), new WorkflowActivityResult("\"INV-1001\"", null));
        SetupActivity(
            nameof(ShipOrderActivity),
            new WorkflowActivityResult(null, new WorkflowFailureDetails(ErrorKind.Transient, "System.TimeoutException", "UPS timed out")),
            new WorkflowActivityResult("\"TRK-1001\"", null));

        // Act
        var output = await DurableWorkflowRunner.RunAsync(_durable.Object, new OrderSyncWorkflow());

        // Assert
        Assert.Equal("""{"invoiceId":"INV-1001","trackingNumber":"TRK-1001"}""", output?.GetRawText());
        Assert.Equal(["""{"stage":"invoiced"}""", """{"stage":"shipped"}"""], _statuses);
        _durable.Verify(c => c.CreateTimer(Now.AddSeconds(10), CancellationToken.None), Times.Once);
    }

    [Fact]
    public async Task RunAsync_InvoiceValidationFails_FailsTheOrchestrationWithTheKindInItsMessage()
    {
        // Arrange
        SetupActivity(nameof(CreateInvoiceActivity), new WorkflowActivityResult(null, new WorkflowFailureDetails(ErrorKind.Validation, "X", "SKU WIDGET-9 has no QBO item")));

        // Act
        var thrown = await Assert.ThrowsAsync<WorkflowActivityFailedException>(() => DurableWorkflowRunner.RunAsync(_durable.Object, new OrderSyncWorkflow()));

        // Assert
        Assert.Contains("Validation: SKU WIDGET-9", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(_statuses);
    }

    [Fact]
    public async Task RunAsync_NoEnvelope_Throws()
    {
        // Arrange
        _durable.Setup(c => c.GetInput<WorkflowEnvelope>()).Returns((WorkflowEnvelope?)null);

        // Act / Assert
        await Assert.ThrowsAsync<InvalidOperationException>(() => DurableWorkflowRunner.RunAsync(_durable.Object, new OrderSyncWorkflow()));
    }

    private void SetupActivity(string name, params WorkflowActivityResult[] results)
    {
        var queue = new Queue<WorkflowActivityResult>(results);
        _durable.Setup(c => c.CallActivityAsync<WorkflowActivityResult>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), null))
            .ReturnsAsync(queue.Dequeue);
    }
}
