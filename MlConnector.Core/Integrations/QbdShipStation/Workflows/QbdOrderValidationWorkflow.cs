using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Workflows;

/// <summary>
/// "ShipStation order → validate against QuickBooks Desktop": queues the customer and item queries for the batch (whole
/// lists with iterators, read once per batch; or by name for one order), waits for QuickBooks' answers through the Web
/// Connector (<see cref="QuickBooksDesktopBridge"/>), then checks every order: unknown customer or item → flagged for
/// review with what is missing, an alert, and the batch goes on.
/// </summary>
public sealed class QbdOrderValidationWorkflow : IWorkflow<QbdOrderBatch, QbdOrderCheckResult>
{
    /// <summary>
    /// How long a workflow waits for QuickBooks to answer one request: 3 days, so a Web Connector on a computer switched off
    /// over a weekend still answers. Past it the workflow fails as transient (the request stays queued); replay it.
    /// </summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromDays(3);

    /// <summary>Retries of the storage-only steps (queueing, reading answers).</summary>
    public static readonly WorkflowRetryPolicy StepRetry = new(5, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2));

    /// <inheritdoc />
    public string Name => nameof(QbdOrderValidationWorkflow);

    /// <inheritdoc />
    public async Task<QbdOrderCheckResult> RunAsync(IWorkflowContext context, QbdOrderBatch input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "lists", orders = input.OrderNumbers.Count });
        var result = await CheckAsync(context, input);
        context.SetCustomStatus(new { step = "done", valid = result.Valid.Count, flagged = result.Flagged.Count });
        return result;
    }

    /// <summary>The check itself, also run inline by <see cref="QbdShipmentToQbdWorkflow"/> for an order never checked.</summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="batch">The orders.</param>
    /// <returns>The result.</returns>
    internal static async Task<QbdOrderCheckResult> CheckAsync(IWorkflowContext context, QbdOrderBatch batch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(batch);
        var request = new QbdListRequest(batch, QuickBooksDesktopBridge.NewRequestId(context), QuickBooksDesktopBridge.NewRequestId(context));
        await context.CallActivityAsync<bool>(nameof(QbdQueueListQueriesActivity), request, StepRetry);
        await QuickBooksDesktopBridge.WaitForAnswerAsync(context, request.CustomerRequestId, AnswerTimeout);
        await QuickBooksDesktopBridge.WaitForAnswerAsync(context, request.ItemRequestId, AnswerTimeout);
        return await context.CallActivityAsync<QbdOrderCheckResult>(nameof(QbdCheckOrdersActivity), request, StepRetry);
    }
}
