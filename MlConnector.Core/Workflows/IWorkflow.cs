namespace MlConnector.Core.Workflows;

/// <summary>
/// A workflow as the runner sees it, without its types. Implement <see cref="IWorkflow{TInput, TOutput}"/>, which
/// supplies <see cref="RunSerializedAsync"/>.
/// </summary>
public interface IWorkflow
{
    /// <summary>
    /// The stable name instances are started and replayed under, normally <c>nameof(TheWorkflow)</c>. Never rename a
    /// workflow that has instances in flight; add a <c>…V2</c> instead.
    /// </summary>
    string Name { get; }

    /// <summary>Runs the workflow with its input read from <paramref name="context"/> and returns its output as JSON.</summary>
    /// <param name="context">The durable context.</param>
    /// <returns>The output serialized as JSON.</returns>
    Task<string?> RunSerializedAsync(IWorkflowContext context);
}
