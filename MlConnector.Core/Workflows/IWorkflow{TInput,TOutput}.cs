using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// A multi-step sync written once in Core against <see cref="IWorkflowContext"/> and run by either host.
/// Register it with <see cref="WorkflowServiceCollectionExtensions.AddWorkflow{TWorkflow}"/>.
/// </summary>
/// <typeparam name="TInput">The input: a small JSON-serializable record of ids.</typeparam>
/// <typeparam name="TOutput">The output: a small JSON-serializable record.</typeparam>
public interface IWorkflow<TInput, TOutput> : IWorkflow
{
    /// <summary>The workflow's body. Must be deterministic (see <see cref="IWorkflowContext"/>).</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="input">The instance's input.</param>
    /// <returns>The output, stored as the instance's result.</returns>
    Task<TOutput> RunAsync(IWorkflowContext context, TInput input);

    /// <inheritdoc />
    /// <remarks>
    /// A <see cref="ConnectorException"/> the workflow's own code throws fails the instance as a
    /// <see cref="WorkflowFailedException"/> that keeps its kind; activity failures and engine exceptions pass unchanged.
    /// </remarks>
    async Task<string?> IWorkflow.RunSerializedAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<TInput>();
        TOutput output;
        try
        {
            output = await RunAsync(context, input!);
        }
        catch (ConnectorException ex)
        {
            // The engines keep only the type and message: carry the kind in the message (WorkflowFailedException).
            throw new WorkflowFailedException(Name, WorkflowFailureDetails.FromException(ex), ex);
        }

        return WorkflowJson.Serialize(output);
    }
}
