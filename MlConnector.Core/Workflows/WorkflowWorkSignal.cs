namespace MlConnector.Core.Workflows;

/// <summary>Wakes the in-process runner when this process starts an instance or raises an event, so it need not wait for its poll.</summary>
internal sealed class WorkflowWorkSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public void Dispose() => _signal.Dispose();
}
