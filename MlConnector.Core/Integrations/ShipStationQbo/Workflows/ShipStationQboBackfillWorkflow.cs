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
/// <remarks>
/// Every <see cref="PagesPerRun"/> pages the instance continues as new (<see cref="IWorkflowContext.ContinueAsNew"/>) with
/// its cursor, the next page, in its input, so a backfill of any length keeps a history of at most that many pages.
/// </remarks>
public sealed class ShipStationQboBackfillWorkflow : IWorkflow<BackfillInput, BackfillProgress>
{
    /// <summary>
    /// Pages one run of the instance reads before it continues as new: 10 pages of 500 orders (5,000 orders, about
    /// 40 history events) per run.
    /// </summary>
    public const int PagesPerRun = 10;

    /// <summary>A page retries ShipStation hiccups, 429s and a held lease for about an hour.</summary>
    public static readonly WorkflowRetryPolicy PageRetry = WorkflowRetryPolicy.VendorOutage;

    /// <inheritdoc />
    public string Name => nameof(ShipStationQboBackfillWorkflow);

    /// <inheritdoc />
    public async Task<BackfillProgress> RunAsync(IWorkflowContext context, BackfillInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // Page 0 reads the stored progress; a continued run starts at its cursor.
        var progress = await context.CallActivityAsync<BackfillProgress>(nameof(ShipStationBackfillPageActivity), input, PageRetry);
        var pagesThisRun = input.Page == 0 ? 0 : 1;
        while (!progress.Completed)
        {
            context.SetCustomStatus(new { step = "pages", pagesDone = progress.PagesDone, pages = progress.Pages, orders = progress.Orders, continued = input.Continued });
            if (pagesThisRun == PagesPerRun)
            {
                context.ContinueAsNew(input with { Page = progress.PagesDone + 1, Continued = input.Continued + 1 });
                return progress;
            }

            progress = await context.CallActivityAsync<BackfillProgress>(nameof(ShipStationBackfillPageActivity), input with { Page = progress.PagesDone + 1 }, PageRetry);
            pagesThisRun++;
        }

        context.SetCustomStatus(new { step = "done", pagesDone = progress.PagesDone, pages = progress.Pages, orders = progress.Orders, continued = input.Continued });
        return progress;
    }
}
