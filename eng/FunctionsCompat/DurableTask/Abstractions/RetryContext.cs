namespace Microsoft.DurableTask;

/// <summary>What a retry handler sees (DurableTask.Abstractions 1.25.0). Not <c>Microsoft.Azure.Functions.Worker.RetryContext</c>.</summary>
public record RetryContext(TaskOrchestrationContext OrchestrationContext, int LastAttemptNumber, TaskFailureDetails LastFailure, TimeSpan TotalRetryTime, CancellationToken CancellationToken);
