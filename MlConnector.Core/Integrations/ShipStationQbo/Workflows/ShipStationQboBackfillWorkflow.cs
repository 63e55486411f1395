using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Workflows;

/// <summary>
/// "ShipStation → QBO backfill": reads the connection's historical orders page by page (500 per page) and sends each page
/// through the same batched path as webhooks and reconciliation (<see cref="ShipStationDispatcher"/>), so QBO is written at
/// the batch ceiling. Each page is one activity (<see cref="ShipStationBackfillPageActivity"/>) that records its progress
/// in the State table; the run starts at the first page the row does not record as done, so a backfill started again
/// after its process was killed skips what is done, and the dispatcher's deterministic ids and the ledger make a page
/// dispatched twice create nothing twice. One instance per connection and start time (<see cref="ShipStationQboKeys.BackfillInstance"/>).
/// </summary>
public sealed class ShipStationQboBackfillWorkflow : IWorkflow<BackfillInput, BackfillProgress>
{
    /// <summary>A page retries ShipStation hiccups, 429s and a held lease for about an hour.</summary>
    public static readonly WorkflowRetryPolicy PageRetry = WorkflowRetryPolicy.VendorOutage;

    /// <inheritdoc />
    public string Name => nameof(ShipStationQboBackfillWorkflow);

    /// <inheritdoc />
    public async Task<BackfillProgress> RunAsync(IWorkflowContext context, BackfillInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var progress = await context.CallActivityAsync<BackfillProgress>(nameof(ShipStationBackfillPageActivity), input with { Page = 0 }, PageRetry);
        while (!progress.Completed)
        {
            context.SetCustomStatus(new { step = "pages", pagesDone = progress.PagesDone, pages = progress.Pages, orders = progress.Orders });
            progress = await context.CallActivityAsync<BackfillProgress>(nameof(ShipStationBackfillPageActivity), input with { Page = progress.PagesDone + 1 }, PageRetry);
        }

        context.SetCustomStatus(new { step = "done", pagesDone = progress.PagesDone, pages = progress.Pages, orders = progress.Orders });
        return progress;
    }
}
