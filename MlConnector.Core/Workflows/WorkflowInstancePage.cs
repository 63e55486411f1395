namespace MlConnector.Core.Workflows;

/// <summary>One page of a workflow listing (<see cref="IWorkflowClient.ListPageAsync"/>).</summary>
/// <param name="Instances">The page's instances (those of the connection asked for; possibly none while more pages follow).</param>
/// <param name="ContinuationToken">Where the next page starts (an opaque engine token), or null on the last page.</param>
public sealed record WorkflowInstancePage(IReadOnlyList<WorkflowInstanceStatus> Instances, string? ContinuationToken)
{
    /// <summary>The most instances one page reads from the engine: the page size of one Azure Table query, so a page is one storage query.</summary>
    public const int MaxPageSize = 1000;
}
