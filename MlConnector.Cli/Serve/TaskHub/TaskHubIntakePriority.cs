using DurableTask.Core.Middleware;
using MlConnector.Core.Intake;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// Gives the webhook intake's record writes priority over the workflow engine's storage work in <c>mlconnector serve</c>:
/// a DTFx dispatcher middleware (orchestration episodes and activities) that holds each work item, before it runs, while
/// <see cref="WebhookIntakeAdmission.IsUnderPressure"/> says the intake's writes are slow or crowded, for at most
/// <see cref="TaskHubOptions.IntakePriorityHold"/>. A held work item keeps its dispatcher slot, so once
/// <see cref="TaskHubOptions.MaxConcurrentOrchestrations"/> / <see cref="TaskHubOptions.MaxConcurrentActivities"/> items
/// are held the dispatchers fetch nothing more, and the engine's reads, history writes and queue messages stop competing
/// with the acknowledgements on the same storage account until the pressure clears.
/// </summary>
/// <remarks>
/// The hold is bounded so a host whose intake is never quiet still runs its workflows (each work item at most one hold
/// late), and it is far shorter than the work items' visibility timeout (<see cref="TaskHubOptions.VisibilityTimeout"/>,
/// at least 10 s), so a held message is never handed to a second worker. Zero turns the gate off.
/// </remarks>
/// <param name="admission">The intake's record-write admission, which knows whether the intake is under pressure.</param>
/// <param name="maxHold">The longest one work item is held (zero: never).</param>
/// <param name="timeProvider">The clock (the hold and its checks).</param>
internal sealed class TaskHubIntakePriority(WebhookIntakeAdmission admission, TimeSpan maxHold, TimeProvider timeProvider)
{
    /// <summary>How often a held work item looks again whether the pressure has cleared.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    private long _heldTicks;
    private long _heldItems;

    /// <summary>Work items held at least once since the start.</summary>
    public long HeldItems => Interlocked.Read(ref _heldItems);

    /// <summary>The total time work items were held since the start.</summary>
    public TimeSpan Held => TimeSpan.FromTicks(Interlocked.Read(ref _heldTicks));

    /// <summary>The DTFx middleware: waits for the intake (<see cref="WaitAsync"/>), then runs the work item.</summary>
    /// <param name="context">The dispatch context (unused: every work item waits alike).</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>The pipeline's completion.</returns>
    public async Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await WaitAsync(CancellationToken.None);
        await next();
    }

    /// <summary>Waits while the intake is under pressure, at most the configured hold.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How long it waited (zero when the intake was not under pressure).</returns>
    public async Task<TimeSpan> WaitAsync(CancellationToken cancellationToken = default)
    {
        if (maxHold <= TimeSpan.Zero || !admission.IsUnderPressure)
        {
            return TimeSpan.Zero;
        }

        var started = timeProvider.GetTimestamp();
        while (admission.IsUnderPressure && timeProvider.GetElapsedTime(started) < maxHold)
        {
            var left = maxHold - timeProvider.GetElapsedTime(started);
            await Task.Delay(left < CheckInterval ? left : CheckInterval, timeProvider, cancellationToken);
        }

        var held = timeProvider.GetElapsedTime(started);
        Interlocked.Increment(ref _heldItems);
        Interlocked.Add(ref _heldTicks, held.Ticks);
        return held;
    }
}
