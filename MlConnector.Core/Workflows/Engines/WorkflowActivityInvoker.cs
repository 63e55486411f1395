using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// Runs one attempt of a Core <see cref="IWorkflowActivity"/> for an engine and returns its output or its classified
/// failure (<see cref="WorkflowFailureDetails.FromException"/>). Both hosts' activity bodies are this call. Cancellation
/// by the host is rethrown, so the engine runs the attempt again after a restart instead of recording a failure.
/// An activity marked <see cref="TargetWriteAttribute"/> does not run while its connection is paused: the attempt fails
/// with <see cref="ErrorKind.Paused"/> (never retried) and the instance is held, to be replayed once on resume.
/// </summary>
/// <param name="logger">The logger.</param>
/// <param name="pauseGate">Enforces paused connections; null (engine unit tests) enforces nothing.</param>
public sealed class WorkflowActivityInvoker(ILogger<WorkflowActivityInvoker> logger, ConnectionPauseGate? pauseGate = null)
{
    /// <summary>Runs one attempt.</summary>
    /// <param name="activity">The Core activity.</param>
    /// <param name="request">The attempt's request from the workflow context.</param>
    /// <param name="cancellationToken">The host's cancellation (shutdown).</param>
    /// <returns>The output (at most <see cref="WorkflowLimits.MaxPayloadChars"/> characters of JSON), or the failure.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<WorkflowActivityResult> RunAsync(IWorkflowActivity activity, WorkflowActivityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(request);
        var context = new WorkflowActivityContext(request.InstanceId, activity.Name, request.TaskId, request.Attempt);
        if (pauseGate is not null && TargetWriteAttribute.IsOn(activity.GetType())
            && WorkflowInstanceId.GetConnectionId(request.InstanceId) is { } connectionId
            && await pauseGate.IsPausedAsync(connectionId, cancellationToken))
        {
            await pauseGate.Store.HoldAsync(connectionId, HeldWorkKind.Replay, request.InstanceId, null, null, cancellationToken);
            logger.WorkflowActivityHeld(activity.Name, request.InstanceId, connectionId);
            return new WorkflowActivityResult(
                null,
                new WorkflowFailureDetails(
                    ErrorKind.Paused,
                    nameof(ErrorKind.Paused),
                    $"Connection '{connectionId}' is paused, so {activity.Name} wrote nothing; the work is held and runs once when the connection is resumed."));
        }

        try
        {
            var output = await activity.RunSerializedAsync(context, request.InputJson, cancellationToken);
            if (output is { Length: > WorkflowLimits.MaxPayloadChars })
            {
                throw new InvalidOperationException($"Activity '{activity.Name}' returned {output.Length} characters of JSON; the limit is {WorkflowLimits.MaxPayloadChars}. Return ids, not documents.");
            }

            return new WorkflowActivityResult(output, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = WorkflowFailureDetails.FromException(ex);
            logger.WorkflowActivityAttemptFailed(ex, activity.Name, request.InstanceId, request.TaskId, request.Attempt, failure.Kind);
            return new WorkflowActivityResult(null, failure);
        }
    }
}
