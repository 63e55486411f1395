using Microsoft.DurableTask.Client;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// <see cref="DurableWorkflowContext"/> on the real Durable engine: replay, durable timers, retries through
/// <see cref="WorkflowRetryPolicy"/> (each wait a durable timer), and external events with timeouts.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public class DurableWorkflowContextOnEngineTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task Workflow_TwoActivities_ReplaysItsCodeWithTheSameGuidAndTimeButRunsEachActivityOnce()
    {
        // Arrange
        const string id = "engine:replay:probe-1";
        engine.Script.Returns(id, StepWorkflow.Activity, "a-done").Returns(id, StepWorkflow.Activity, "b-done");

        // Act
        var metadata = await engine.RunToCompletionAsync(nameof(ReplayProbeWorkflow), id, "probe-1");

        // Assert: the code ran once per episode (start, after a, after b); only the first run was not a replay.
        var runs = engine.ReplayProbe.Observations(id);
        Assert.Equal([false, true, true], runs.Select(r => r.IsReplaying));
        Assert.Single(runs.Select(r => r.NewGuid).Distinct());
        Assert.Single(runs.Select(r => r.StartedUtc).Distinct());
        Assert.Equal(runs[0].NewGuid, metadata.ReadOutputAs<JsonElement?>()!.Value.Deserialize<Guid>());
        Assert.Equal([(1, 1), (2, 1)], engine.Script.Attempts(id, StepWorkflow.Activity).Select(a => (a.TaskId, a.Attempt)));
    }

    [Fact]
    public async Task CreateTimer_OneSecond_FiresAfterItInOrchestrationAndWallClockTime()
    {
        // Arrange
        const string id = "engine:timer:one-second";
        var delay = TimeSpan.FromSeconds(1);
        var started = TimeProvider.System.GetTimestamp();

        // Act
        var metadata = await engine.RunToCompletionAsync(nameof(ReminderWorkflow), id, new ReminderInput(DelaySeconds: 1));
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        // Assert
        var output = metadata.ReadOutputAs<JsonElement?>()!.Value.Deserialize<ReminderOutput>(TestSupport.OrchestrationContextMock.Json)!;
        Assert.True(output.FiredUtc - output.StartedUtc >= delay, $"the timer fired {output.FiredUtc - output.StartedUtc} after it was created");
        Assert.True(elapsed >= delay, $"the instance completed {elapsed} after it was started");
    }

    [Fact]
    public async Task CallActivity_TransientTwiceThenSuccess_RetriesOnDurableTimersWithTheSameTaskId()
    {
        // Arrange
        const string id = "engine:retry:transient";
        var transient = new ConnectorException("qbo", ErrorKind.Transient, "QBO answered 503.", HttpStatusCode.ServiceUnavailable);
        engine.Script.Throws(id, StepWorkflow.Activity, transient).Throws(id, StepWorkflow.Activity, transient).Returns(id, StepWorkflow.Activity, "created");

        // Act
        var output = await RunStepAsync(id, new StepInput("order-1", MaxAttempts: 5, FirstRetryMilliseconds: 300));

        // Assert
        Assert.Equal("created", output);
        var attempts = engine.Script.Attempts(id, StepWorkflow.Activity);
        Assert.Equal([(1, 1), (1, 2), (1, 3)], attempts.Select(a => (a.TaskId, a.Attempt)));
        Assert.All(Gaps(attempts), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(280), $"a retry came {gap} after the failed attempt"));
    }

    [Fact]
    public async Task CallActivity_TransientEveryTime_FailsAfterTheLastAttemptWithTheKind()
    {
        // Arrange
        const string id = "engine:retry:exhausted";
        engine.Script.Throws(id, StepWorkflow.Activity, new HttpRequestException("Connection reset."));

        // Act
        await engine.Workflows.StartAsync(nameof(StepWorkflow), id, new StepInput("order-2", MaxAttempts: 3, FirstRetryMilliseconds: 50));
        var metadata = await engine.WaitForCompletionAsync(id);
        var status = await engine.Workflows.GetStatusAsync(id);

        // Assert
        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(3, engine.Script.Attempts(id, StepWorkflow.Activity).Count);
        Assert.Equal(ErrorKind.Transient, status!.Failure!.Kind);
        Assert.Equal(typeof(WorkflowActivityFailedException).FullName, status.Failure.ErrorType);
        Assert.Contains("3 attempt(s)", status.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivity_ValidationFailure_FailsAtOnceWithoutARetry()
    {
        // Arrange
        const string id = "engine:retry:validation";
        engine.Script.Throws(id, StepWorkflow.Activity, new ConnectorValidationException("qbo", "SKU WIDGET-9 has no QBO item."));

        // Act
        await engine.Workflows.StartAsync(nameof(StepWorkflow), id, new StepInput("order-3", MaxAttempts: 5, FirstRetryMilliseconds: 50));
        var metadata = await engine.WaitForCompletionAsync(id);
        var status = await engine.Workflows.GetStatusAsync(id);

        // Assert
        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Single(engine.Script.Attempts(id, StepWorkflow.Activity));
        Assert.Equal(ErrorKind.Validation, status!.Failure!.Kind);
        Assert.Contains("SKU WIDGET-9", status.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivity_RateLimitedWithRetryAfter_WaitsTheVendorsDelayNotThePolicys()
    {
        // Arrange: the policy would retry after 100 ms; the vendor asks for 2 s.
        const string id = "engine:retry:retry-after";
        var retryAfter = TimeSpan.FromSeconds(2);
        engine.Script
            .Throws(id, StepWorkflow.Activity, new ConnectorRateLimitedException("shipstation", "429 Too Many Requests.", retryAfter))
            .Returns(id, StepWorkflow.Activity, "created");

        // Act
        var output = await RunStepAsync(id, new StepInput("order-4", MaxAttempts: 3, FirstRetryMilliseconds: 100));

        // Assert
        Assert.Equal("created", output);
        var gap = Assert.Single(Gaps(engine.Script.Attempts(id, StepWorkflow.Activity)));
        Assert.True(gap >= retryAfter - TimeSpan.FromMilliseconds(50), $"the retry came {gap} after the 429");
    }

    [Fact]
    public async Task WaitForExternalEvent_EventRaisedWhileWaiting_ReturnsItsPayload()
    {
        // Arrange
        const string id = "engine:event:approved";
        await engine.Workflows.StartAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("acme", "5001", TimeoutSeconds: 60));
        await engine.WaitForStatusAsync(id, s => s.SerializedCustomStatus?.Contains("awaiting-approval", StringComparison.Ordinal) == true);
        var raised = TimeProvider.System.GetTimestamp();

        // Act
        await engine.Workflows.RaiseEventAsync(id, ApprovalWorkflow.EventName, new ApprovalDecision("ops@acme.test"));
        var metadata = await engine.WaitForCompletionAsync(id);

        // Assert: the payload arrived long before the one-minute timeout.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal("approved-by:ops@acme.test", metadata.ReadOutputAs<JsonElement?>()!.Value.GetString());
        Assert.True(TimeProvider.System.GetElapsedTime(raised) < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventWithinTheTimeout_ThrowsTimeoutExceptionIntoTheWorkflow()
    {
        // Arrange
        const string id = "engine:event:expired";
        var timeout = TimeSpan.FromSeconds(1);
        var started = TimeProvider.System.GetTimestamp();

        // Act
        var metadata = await engine.RunToCompletionAsync(nameof(ApprovalWorkflow), id, new ApprovalInput("acme", "5002", TimeoutSeconds: 1));

        // Assert: the workflow caught TimeoutException and completed; Durable's cancellation did not fail it.
        Assert.Equal("timed-out", metadata.ReadOutputAs<JsonElement?>()!.Value.GetString());
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= timeout);
        Assert.Contains("expired", metadata.SerializedCustomStatus, StringComparison.Ordinal);
    }

    private static IEnumerable<TimeSpan> Gaps(IReadOnlyList<ScriptedAttempt> attempts)
        => attempts.Zip(attempts.Skip(1), (a, b) => TimeProvider.System.GetElapsedTime(a.Timestamp, b.Timestamp));

    private async Task<string?> RunStepAsync(string id, StepInput input)
        => (await engine.RunToCompletionAsync(nameof(StepWorkflow), id, input)).ReadOutputAs<JsonElement?>()?.GetString();
}
