namespace MlConnector.Core.Workflows;

/// <summary>
/// An activity as the runner sees it, without its types. Implement <see cref="IWorkflowActivity{TInput, TOutput}"/>,
/// which supplies <see cref="RunSerializedAsync"/>.
/// </summary>
public interface IWorkflowActivity
{
    /// <summary>The stable name workflows call it by, normally <c>nameof(TheActivity)</c>; never rename a deployed activity.</summary>
    string Name { get; }

    /// <summary>Runs the activity on JSON input and returns JSON output.</summary>
    /// <param name="context">Which instance, step and attempt this is.</param>
    /// <param name="inputJson">The input as JSON, or null.</param>
    /// <param name="cancellationToken">Cancelled when the runner shuts down.</param>
    /// <returns>The output as JSON.</returns>
    Task<string?> RunSerializedAsync(WorkflowActivityContext context, string? inputJson, CancellationToken cancellationToken = default);
}
