using MlConnector.Core.Workflows;

namespace MlConnector.Tests.TestSupport;

/// <summary>Waits, in real time with a bound, until a workflow instance reaches a status.</summary>
public static class WorkflowWait
{
    /// <summary>Polls until the instance is Completed or Failed (or, with <paramref name="expected"/>, exactly that).</summary>
    /// <exception cref="OperationCanceledException">After <paramref name="limit"/> (default 2 minutes).</exception>
    public static async Task<WorkflowInstanceStatus> ForAsync(IWorkflowClient client, string instanceId, WorkflowRuntimeStatus? expected = null, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var status = await client.GetStatusAsync(instanceId, timeout.Token);
            if (status is not null && (expected is null
                ? status.RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed
                : status.RuntimeStatus == expected))
            {
                return status;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Polls a condition until it holds.</summary>
    /// <exception cref="OperationCanceledException">After <paramref name="limit"/> (default 1 minute).</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
