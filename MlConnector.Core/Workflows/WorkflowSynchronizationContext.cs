using System.Collections.Concurrent;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Runs all workflow code on one logical thread: every continuation is queued here and executed by the executor's
/// pump, one at a time, so the executor knows exactly when the workflow is idle and in which order it saw results.
/// </summary>
internal sealed class WorkflowSynchronizationContext(Action onPost) : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public bool IsEmpty => _queue.IsEmpty;

    public override void Post(SendOrPostCallback d, object? state)
    {
        _queue.Enqueue((d, state));
        onPost();
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Workflows cannot block on their synchronization context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none are left, with this context current.</summary>
    public void RunQueued()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (_queue.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
