namespace Microsoft.DurableTask;

/// <summary>Decides asynchronously whether to retry (DurableTask.Abstractions 1.25.0).</summary>
public delegate Task<bool> AsyncRetryHandler(RetryContext retryContext);
