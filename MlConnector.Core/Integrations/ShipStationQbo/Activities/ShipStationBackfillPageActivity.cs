using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// One page of a backfill (<see cref="ShipStationQboBackfill.RunPageAsync"/>); page 0 reads where a previous run stopped.
/// </summary>
/// <param name="backfill">The backfill service.</param>
public sealed class ShipStationBackfillPageActivity(ShipStationQboBackfill backfill) : IWorkflowActivity<BackfillInput, BackfillProgress>
{
    /// <inheritdoc />
    public string Name => nameof(ShipStationBackfillPageActivity);

    /// <inheritdoc />
    public Task<BackfillProgress> RunAsync(WorkflowActivityContext context, BackfillInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return input.Page == 0 ? backfill.ReadProgressAsync(input, cancellationToken) : backfill.RunPageAsync(input, cancellationToken);
    }
}
