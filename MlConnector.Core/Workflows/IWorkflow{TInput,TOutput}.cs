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
    async Task<string?> IWorkflow.RunSerializedAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<TInput>();
        var output = await RunAsync(context, input!);
        return WorkflowJson.Serialize(output);
    }
}
