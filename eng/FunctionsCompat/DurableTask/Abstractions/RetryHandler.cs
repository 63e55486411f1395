namespace Microsoft.DurableTask;

/// <summary>Decides whether to retry (DurableTask.Abstractions 1.25.0).</summary>
public delegate bool RetryHandler(RetryContext retryContext);
