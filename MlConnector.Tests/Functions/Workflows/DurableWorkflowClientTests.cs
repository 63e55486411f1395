using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;
using Moq;

namespace MlConnector.Tests.Functions.Workflows;

public class DurableWorkflowClientTests
{
    private const string InstanceId = "shipstation-qbo:c42:order:1001";
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<DurableTaskClient> _durable = new("test");
    private readonly FakeLogger<DurableWorkflowClient> _logger = new();

    [Fact]
    public async Task StartAsync_NewId_SchedulesTheOrchestratorUnderTheIdWithTheInputEnvelope()
    {
        // Arrange
        WorkflowEnvelope? scheduled = null;
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.Is<TaskName>(n => n.Name == "OrderSyncOrchestrator"),
                It.IsAny<object?>(),
                It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == InstanceId),
                It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, input, _, _) => scheduled = (WorkflowEnvelope)input!)
            .ReturnsAsync(InstanceId);
        var sut = CreateSut();

        // Act
        var result = await sut.StartAsync("OrderSyncWorkflow", InstanceId, new { OrderNumber = "1001" });

        // Assert
        Assert.Equal(new WorkflowStartResult(InstanceId, false, WorkflowRuntimeStatus.Pending), result);
        Assert.Equal("""{"orderNumber":"1001"}""", scheduled!.Input?.GetRawText());
        Assert.Equal(InstanceId, scheduled.RootInstanceId);
        Assert.Equal(0, scheduled.ReplayGeneration);
    }

    [Fact]
    public async Task StartAsync_CompletedInstanceExists_IsADuplicateAndSchedulesNothing()
    {
        // Arrange: Durable would overwrite a completed instance with the same id.
        SetupInstance(Instance(OrchestrationRuntimeStatus.Completed));
        var sut = CreateSut();

        // Act
        var result = await sut.StartAsync("OrderSyncWorkflow", InstanceId, new { OrderNumber = "1001" });

        // Assert
        Assert.Equal(new WorkflowStartResult(InstanceId, true, WorkflowRuntimeStatus.Completed), result);
        _durable.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
        Assert.Equal("WorkflowDuplicateStart", _logger.LatestRecord.Id.Name);
    }

    [Fact]
    public async Task StartAsync_ConcurrentStartWins_IsADuplicate()
    {
        // Arrange: nothing exists when checked; the start then fails because the other start won.
        _durable.SetupSequence(c => c.GetInstanceAsync(InstanceId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null)
            .ReturnsAsync(Instance(OrchestrationRuntimeStatus.Running));
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException($"An instance with ID '{InstanceId}' already exists."));
        var sut = CreateSut();

        // Act
        var result = await sut.StartAsync("OrderSyncWorkflow", InstanceId, new { OrderNumber = "1001" });

        // Assert
        Assert.Equal(new WorkflowStartResult(InstanceId, true, WorkflowRuntimeStatus.Running), result);
    }

    [Fact]
    public async Task StartAsync_ScheduleFailsAndNoInstanceExists_Rethrows()
    {
        // Arrange
        var failure = new HttpRequestException("host unreachable");
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);
        var sut = CreateSut();

        // Act
        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => sut.StartAsync("OrderSyncWorkflow", InstanceId, new { OrderNumber = "1001" }));

        // Assert
        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task StartAsync_NameWithoutWorkflowSuffix_Throws()
    {
        // Arrange
        var sut = CreateSut();

        // Act / Assert
        await Assert.ThrowsAsync<ArgumentException>(() => sut.StartAsync("OrderSync", InstanceId, new { OrderNumber = "1001" }));
    }

    [Fact]
    public async Task ListFailedAsync_ForOneConnection_QueriesFailedAndTerminatedAndMapsTheFailureKind()
    {
        // Arrange
        OrchestrationQuery? query = null;
        _durable.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Callback<OrchestrationQuery?>(q => query = q)
            .Returns(Pageable.Create<OrchestrationMetadata>((_, _) => Task.FromResult(new Page<OrchestrationMetadata>(
            [
                FailedInstance(InstanceId, new WorkflowActivityFailedException("CreateInvoiceActivity", 1, new WorkflowFailureDetails(ErrorKind.Validation, "X", "SKU WIDGET-9 has no QBO item"), 1)),
                FailedInstance("shipstation-qbo:c7:order:9", new InvalidOperationException("other connection")),
            ]))));
        IWorkflowClient sut = CreateSut();

        // Act
        var list = await sut.ListFailedAsync("c42");

        // Assert
        Assert.Equal([OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], query!.Statuses);
        Assert.True(query.FetchInputsAndOutputs);
        var only = Assert.Single(list);
        Assert.Equal("OrderSyncWorkflow", only.Name);
        Assert.Equal("c42", only.ConnectionId);
        Assert.Equal(WorkflowRuntimeStatus.Failed, only.RuntimeStatus);
        Assert.Equal(ErrorKind.Validation, only.Failure!.Kind);
        Assert.Contains("SKU WIDGET-9", only.Failure.Message, StringComparison.Ordinal);
        Assert.Equal("""{"orderNumber":"1001"}""", only.SerializedInput);
    }

    [Fact]
    public async Task ReplayAsync_FailedInstance_StartsTheFirstReplayWithTheOriginalInput()
    {
        // Arrange
        SetupInstance(FailedInstance(InstanceId, new TimeoutException("UPS timed out")), getInputsAndOutputs: true);
        WorkflowEnvelope? scheduled = null;
        string? scheduledId = null;
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.Is<TaskName>(n => n.Name == "OrderSyncOrchestrator"), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, input, options, _) => (scheduled, scheduledId) = ((WorkflowEnvelope)input!, options!.InstanceId))
            .ReturnsAsync(InstanceId + ":r1");
        var sut = CreateSut();

        // Act
        var result = await sut.ReplayAsync(InstanceId);

        // Assert
        Assert.Equal(new WorkflowStartResult(InstanceId + ":r1", false, WorkflowRuntimeStatus.Pending), result);
        Assert.Equal(InstanceId + ":r1", scheduledId);
        Assert.Equal("""{"orderNumber":"1001"}""", scheduled!.Input?.GetRawText());
        Assert.Equal(new WorkflowEnvelope(scheduled.Input, InstanceId, 1, InstanceId), scheduled);
    }

    [Fact]
    public async Task ReplayAsync_ReplayAlreadyStarted_IsADuplicate()
    {
        // Arrange
        SetupInstance(FailedInstance(InstanceId, new TimeoutException("UPS timed out")), getInputsAndOutputs: true);
        _durable.Setup(c => c.GetInstanceAsync(InstanceId + ":r1", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("OrderSyncOrchestrator", InstanceId + ":r1") { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        var sut = CreateSut();

        // Act
        var result = await sut.ReplayAsync(InstanceId);

        // Assert
        Assert.Equal(new WorkflowStartResult(InstanceId + ":r1", true, WorkflowRuntimeStatus.Running), result);
    }

    [Fact]
    public async Task ReplayAsync_CompletedInstance_Throws()
    {
        // Arrange
        SetupInstance(Instance(OrchestrationRuntimeStatus.Completed), getInputsAndOutputs: true);
        var sut = CreateSut();

        // Act / Assert
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ReplayAsync(InstanceId));
    }

    [Fact]
    public async Task RaiseEventAsync_NoInstance_Throws()
    {
        // Arrange
        var sut = CreateSut();

        // Act / Assert
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RaiseEventAsync(InstanceId, "Approval", new { Approved = true }));
    }

    [Fact]
    public async Task RaiseEventAsync_RunningInstance_RaisesTheWebJsonPayload()
    {
        // Arrange
        SetupInstance(Instance(OrchestrationRuntimeStatus.Running));
        object? raised = null;
        _durable.Setup(c => c.RaiseEventAsync(InstanceId, "Approval", It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, object?, CancellationToken>((_, _, payload, _) => raised = payload)
            .Returns(Task.CompletedTask);
        var sut = CreateSut();

        // Act
        await sut.RaiseEventAsync(InstanceId, "Approval", new { Approved = true });

        // Assert
        Assert.Equal("""{"approved":true}""", ((JsonElement)raised!).GetRawText());
    }

    [Fact]
    public async Task RaiseEventAsync_CompletedInstance_DiscardsTheEvent()
    {
        // Arrange
        SetupInstance(Instance(OrchestrationRuntimeStatus.Completed));
        var sut = CreateSut();

        // Act
        await sut.RaiseEventAsync(InstanceId, "Approval", new { Approved = true });

        // Assert
        _durable.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal("WorkflowEventDiscarded", _logger.LatestRecord.Id.Name);
    }

    private DurableWorkflowClient CreateSut() => new(_durable.Object, _logger);

    private void SetupInstance(OrchestrationMetadata instance, bool getInputsAndOutputs = false)
        => _durable.Setup(c => c.GetInstanceAsync(instance.InstanceId, getInputsAndOutputs, It.IsAny<CancellationToken>())).ReturnsAsync(instance);

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus status) =>
        new("OrderSyncOrchestrator", InstanceId) { RuntimeStatus = status, CreatedAt = Created, LastUpdatedAt = Created };

    private static OrchestrationMetadata FailedInstance(string instanceId, Exception failure)
    {
        using var input = JsonDocument.Parse("""{"orderNumber":"1001"}""");
        var envelope = new WorkflowEnvelope(input.RootElement.Clone(), instanceId, 0, null);
        return new OrchestrationMetadata("OrderSyncOrchestrator", instanceId)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            CreatedAt = Created,
            LastUpdatedAt = Created,
            DataConverter = JsonDataConverter.Default,
            SerializedInput = JsonDataConverter.Default.Serialize(envelope),
            FailureDetails = TaskFailureDetails.FromException(failure),
        };
    }
}
