namespace MlConnector.Core.Intake;

/// <summary>
/// Wakes this process's dispatcher when this process records a delivery, so an idle dispatcher can poll seldom and
/// still dispatch at once. Take <see cref="Next"/> before polling and wait on it after an empty poll: a delivery
/// recorded in between completes the task already taken.
/// </summary>
public sealed class WebhookIntakeSignal
{
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _recorded).Task;

    /// <summary>Says a delivery was recorded.</summary>
    public void Notify() =>
        Interlocked.Exchange(ref _recorded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
