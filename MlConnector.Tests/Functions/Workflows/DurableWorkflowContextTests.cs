using Microsoft.DurableTask;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;
using Moq;

namespace MlConnector.Tests.Functions.Workflows;

/// <summary>
/// The adapter under Moq on TaskOrchestrationContext where a test needs the exact calls (request payloads, task ids,
/// timer fire times); retries, timeouts and replay on the real engine are in Engine/DurableWorkflowContextOnEngineTests.
/// </summary>
public class DurableWorkflowContextTests
{
    private const string InstanceId = "shipstation-qbo:c42:order:1001";
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private static readonly WorkflowRetryPolicy Retry = new(3, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(1));

    private readonly Mock<TaskOrchestrationContext> _durable = new();
    private readonly List<WorkflowActivityRequest> _requests = [];
    private readonly List<DateTime> _timers = [];

    public DurableWorkflowContextTests()
    {
        _durable.SetupGet(c => c.InstanceId).Returns(InstanceId);
        _durable.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        _durable.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((fireAt, _) => _timers.Add(fireAt))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task CallActivityAsync_ActivitySucceeds_SendsWebJsonAndReturnsOutput()
    {
        // Arrange
        SetupActivity("CreateInvoiceActivity", new WorkflowActivityResult("\"inv-77\"", null));
        var sut = CreateSut();

        // Act
        var result = await sut.CallActivityAsync<string>("CreateInvoiceActivity", new { OrderNumber = "1001" });

        // Assert
        Assert.Equal("inv-77", result);
        var request = Assert.Single(_requests);
        Assert.Equal(new WorkflowActivityRequest(InstanceId, 1, 1, """{"orderNumber":"1001"}"""), request);
        Assert.Empty(_timers);
    }

    [Fact]
    public async Task CallActivityAsync_TransientThenSuccess_RetriesAfterTheBackoffOnADurableTimer()
    {
        // Arrange
        SetupActivity(
            "ShipOrderActivity",
            new WorkflowActivityResult(null, new WorkflowFailureDetails(ErrorKind.Transient, "System.TimeoutException", "UPS timed out")),
            new WorkflowActivityResult("\"TRK-1001\"", null));
        var sut = CreateSut();

        // Act
        var result = await sut.CallActivityAsync<string>("ShipOrderActivity", null, Retry);

        // Assert
        Assert.Equal("TRK-1001", result);
        Assert.Equal([1, 2], _requests.Select(r => r.Attempt));
        Assert.All(_requests, r => Assert.Equal(1, r.TaskId));
        Assert.Equal([Now.AddSeconds(10)], _timers);
    }

    [Fact]
    public async Task CallActivityAsync_RateLimitedWithRetryAfter_WaitsAtLeastTheVendorsDelay()
    {
        // Arrange
        SetupActivity(
            "ShipOrderActivity",
            new WorkflowActivityResult(null, new WorkflowFailureDetails(ErrorKind.RateLimited, "RateLimited", "429", TimeSpan.FromSeconds(45))),
            new WorkflowActivityResult("\"TRK-1001\"", null));
        var sut = CreateSut();

        // Act
        await sut.CallActivityAsync<string>("ShipOrderActivity", null, Retry);

        // Assert
        Assert.Equal([Now.AddSeconds(45)], _timers);
    }

    [Fact]
    public async Task CallActivityAsync_ActivityFunctionThrows_FailsAsUnknownWithoutRetry()
    {
        // Arrange: e.g. no activity function of that name is deployed.
        _durable.Setup(c => c.CallActivityAsync<WorkflowActivityResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException("MissingActivity", 1, new TaskFailureDetails("System.InvalidOperationException", "Function not found", null, null, null)));
        var sut = CreateSut();

        // Act
        var thrown = await Assert.ThrowsAsync<WorkflowActivityFailedException>(() => sut.CallActivityAsync<string>("MissingActivity", null, Retry));

        // Assert
        Assert.Equal(ErrorKind.Unknown, thrown.Kind);
        Assert.Contains("Function not found", thrown.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivityAsync_SecondCall_GetsTheNextTaskId()
    {
        // Arrange
        SetupActivity("CreateInvoiceActivity", new WorkflowActivityResult("\"a\"", null), new WorkflowActivityResult("\"b\"", null));
        var sut = CreateSut();

        // Act
        await sut.CallActivityAsync<string>("CreateInvoiceActivity");
        await sut.CallActivityAsync<string>("CreateInvoiceActivity");

        // Assert
        Assert.Equal([1, 2], _requests.Select(r => r.TaskId));
    }

    [Fact]
    public void SetCustomStatus_Object_StoresWebDefaultsJson()
    {
        // Arrange
        JsonElement? stored = null;
        _durable.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => stored = (JsonElement?)s);
        var sut = CreateSut();

        // Act
        sut.SetCustomStatus(new { Stage = "invoiced", OrderNumber = "1001" });

        // Assert
        Assert.Equal("""{"stage":"invoiced","orderNumber":"1001"}""", stored?.GetRawText());
    }

    [Fact]
    public void GetInput_Envelope_ReturnsTheWorkflowInput()
    {
        // Arrange
        using var input = JsonDocument.Parse("""{"connectionId":"c42","orderNumber":"1001"}""");
        var sut = new DurableWorkflowContext(_durable.Object, "OrderSyncWorkflow", new WorkflowEnvelope(input.RootElement.Clone(), InstanceId, 0, null));

        // Act
        var read = sut.GetInput<Dictionary<string, string>>();

        // Assert
        Assert.Equal("1001", read!["orderNumber"]);
        Assert.Equal("OrderSyncWorkflow", sut.Name);
        Assert.Equal(InstanceId, sut.InstanceId);
    }

    [Fact]
    public void ContinueAsNew_ReplayedInstance_RestartsWithTheNewInputTheLineageAndItsUnprocessedEvents()
    {
        // Arrange: a replay (generation 2) of an earlier instance.
        WorkflowEnvelope? next = null;
        _durable.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), true)).Callback<object?, bool>((input, _) => next = (WorkflowEnvelope?)input);
        var sut = new DurableWorkflowContext(_durable.Object, "OrderSyncWorkflow", new WorkflowEnvelope(null, "root-1", 2, "root-1:r1"));

        // Act
        sut.ContinueAsNew(new { ConnectionId = "c42", Page = 11 });

        // Assert: one restart, events preserved, the input in web JSON and the replay lineage unchanged.
        _durable.Verify(c => c.ContinueAsNew(It.IsAny<object?>(), true), Times.Once);
        Assert.Equal("""{"connectionId":"c42","page":11}""", next!.Input!.Value.GetRawText());
        Assert.Equal(("root-1", 2, "root-1:r1"), (next.RootInstanceId, next.ReplayGeneration, next.ReplayOf));
    }

    private DurableWorkflowContext CreateSut() => new(_durable.Object, "OrderSyncWorkflow", new WorkflowEnvelope(null, InstanceId, 0, null));

    private void SetupActivity(string name, params WorkflowActivityResult[] results)
    {
        var queue = new Queue<WorkflowActivityResult>(results);
        _durable.Setup(c => c.CallActivityAsync<WorkflowActivityResult>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), null))
            .Callback<TaskName, object?, TaskOptions?>((_, request, _) => _requests.Add((WorkflowActivityRequest)request!))
            .ReturnsAsync(queue.Dequeue);
    }
}
