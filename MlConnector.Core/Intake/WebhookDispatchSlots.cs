using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// The process's bound on deliveries being dispatched at once (<see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/>),
/// shared by every <see cref="WebhookDeliveryDispatcher"/> of the process (the Functions app builds one per invocation).
/// A group message (<see cref="WebhookIntakeGroupCommit"/>) holds up to a few hundred deliveries, so bounding messages alone
/// (the poller's batch, the queue trigger's <c>batchSize</c>) would let a few groups start thousands of dispatches at once,
/// each with its storage reads, ledger writes and workflow starts.
/// </summary>
/// <param name="options">The intake settings.</param>
public sealed class WebhookDispatchSlots(IOptions<WebhookIntakeOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(
        (options ?? throw new ArgumentNullException(nameof(options))).Value.MaxConcurrentDispatches,
        options.Value.MaxConcurrentDispatches);

    /// <summary>Runs one delivery's dispatch once a slot is free.</summary>
    /// <param name="dispatchAsync">The dispatch.</param>
    /// <param name="cancellationToken">Cancels the wait for a slot.</param>
    /// <returns>A task that completes when the dispatch has.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
    public async Task RunAsync(Func<Task> dispatchAsync, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatchAsync);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await dispatchAsync();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
