namespace MlConnector.Core.Workflows;

/// <summary>
/// One step of a workflow that does I/O. Activities are idempotent: a retried, replayed or resumed step may run again,
/// so each consults the idempotency ledger (and the target system where it can) before creating anything.
/// Register with <see cref="WorkflowServiceCollectionExtensions.AddWorkflowActivity{TActivity}"/>; it is resolved
/// from a fresh DI scope for every attempt.
/// </summary>
/// <typeparam name="TInput">The input: a small JSON-serializable record of ids.</typeparam>
/// <typeparam name="TOutput">The output: a small JSON-serializable record (at most <see cref="WorkflowLimits.MaxPayloadChars"/> characters of JSON).</typeparam>
public interface IWorkflowActivity<TInput, TOutput> : IWorkflowActivity
{
    /// <summary>Does the step. Throw a <see cref="Errors.ConnectorException"/> to classify a failure for retry.</summary>
    /// <param name="context">Which instance, step and attempt this is.</param>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancelled when the runner shuts down.</param>
    /// <returns>The output.</returns>
    Task<TOutput> RunAsync(WorkflowActivityContext context, TInput input, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    async Task<string?> IWorkflowActivity.RunSerializedAsync(WorkflowActivityContext context, string? inputJson, CancellationToken cancellationToken)
    {
        var input = WorkflowJson.Deserialize<TInput>(inputJson);
        var output = await RunAsync(context, input!, cancellationToken);
        return WorkflowJson.Serialize(output);
    }
}
