using MlConnector.Core.Workflows;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// The body of every activity function: runs a Core <see cref="IWorkflowActivity"/> for one attempt and returns its
/// output or its classified failure (<see cref="WorkflowFailureDetails.FromException"/>, as the standalone runner
/// classifies). Cancellation by the host is rethrown so Durable runs the attempt again.
/// </summary>
/// <param name="logger">The logger.</param>
public sealed class DurableActivityRunner(ILogger<DurableActivityRunner> logger)
{
    /// <summary>Runs one attempt.</summary>
    /// <param name="activity">The Core activity (resolved from DI by the activity function).</param>
    /// <param name="request">The attempt's request from <see cref="DurableWorkflowContext"/>.</param>
    /// <param name="cancellationToken">The invocation's cancellation (host shutdown).</param>
    /// <returns>The output, or the failure.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<DurableActivityResult> RunAsync(IWorkflowActivity activity, DurableActivityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(request);
        var context = new WorkflowActivityContext(request.InstanceId, activity.Name, request.TaskId, request.Attempt);
        try
        {
            var output = await activity.RunSerializedAsync(context, request.InputJson, cancellationToken);
            if (output is { Length: > WorkflowLimits.MaxPayloadChars })
            {
                throw new InvalidOperationException($"Activity '{activity.Name}' returned {output.Length} characters of JSON; the limit is {WorkflowLimits.MaxPayloadChars}. Return ids, not documents.");
            }

            return new DurableActivityResult(output, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = WorkflowFailureDetails.FromException(ex);
            logger.ActivityAttemptFailed(ex, activity.Name, request.InstanceId, request.TaskId, request.Attempt, failure.Kind);
            return new DurableActivityResult(null, failure);
        }
    }
}
