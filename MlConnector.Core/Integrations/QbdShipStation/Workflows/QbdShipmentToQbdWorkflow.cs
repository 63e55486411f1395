using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Workflows;

/// <summary>
/// "ShipStation shipment → QuickBooks Desktop invoice or journal entry", idempotent by order number:
/// <list type="number">
/// <item>An order never checked is checked now (by name); a flagged order creates nothing.</item>
/// <item>Query QuickBooks by <c>RefNumber</c> = order number first. Found with this shipment: done. Found without it
/// (a second label, a correction): InvoiceMod with the <c>EditSequence</c> just read; status 3200 (someone changed it since)
/// re-queries once more, then fails as Conflict.</item>
/// <item>Not found: queue the add (dated on the ship date in the company's calendar), reserved so only one run adds an
/// order. An add whose answer was lost (the next session marks it unconfirmed) is never resent: the workflow re-queries, and
/// adds again only when QuickBooks has no such transaction.</item>
/// </list>
/// Each request goes through the connection's ordered outbox and the workflow waits for its answer as an external event.
/// </summary>
public sealed class QbdShipmentToQbdWorkflow : IWorkflow<QbdShipmentRef, QbdPostingResult>
{
    /// <summary>At most this many query rounds (each after an unconfirmed add or mod, a stale EditSequence or another run's add).</summary>
    public const int MaxRounds = 5;

    /// <summary>QuickBooks' status for an invalid reference (an unknown customer, item or account), qbXML status codes.</summary>
    public const int InvalidReference = 3140;

    /// <summary>QuickBooks' status for a stale <c>EditSequence</c>.</summary>
    public const int StaleEditSequence = 3200;

    /// <inheritdoc />
    public string Name => nameof(QbdShipmentToQbdWorkflow);

    /// <inheritdoc />
    public async Task<QbdPostingResult> RunAsync(IWorkflowContext context, QbdShipmentRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = QbdOrderValidationWorkflow.StepRetry;
        context.SetCustomStatus(new { step = "read-order", orderNumber = input.OrderNumber });
        var order = await context.CallActivityAsync<QbdOrderState>(nameof(QbdReadOrderActivity), input, retry);
        if (order.Review == QbdOrderReview.Pending)
        {
            context.SetCustomStatus(new { step = "check", orderNumber = input.OrderNumber });
            await QbdOrderValidationWorkflow.CheckAsync(context, new QbdOrderBatch(input.ConnectionId, [input.OrderNumber], ByName: true));
            order = await context.CallActivityAsync<QbdOrderState>(nameof(QbdReadOrderActivity), input, retry);
        }

        if (order.Review == QbdOrderReview.NeedsReview)
        {
            return await FinishAsync(context, input, new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.Flagged, null, order.Missing ?? "The order waits for review."), null);
        }

        var date = input.ShipDate ?? QbdCompanyCalendar.DateOf(new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), order.TimeZone);
        var reread = false;
        string? ownAdd = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var query = new QbdTxnRequest(input, QuickBooksDesktopBridge.NewRequestId(context), order.Posting, date);
            context.SetCustomStatus(new { step = "query", orderNumber = input.OrderNumber, round });
            await context.CallActivityAsync<bool>(nameof(QbdQueueTxnQueryActivity), query, retry);
            await QuickBooksDesktopBridge.WaitForAnswerAsync(context, query.RequestId, QbdOrderValidationWorkflow.AnswerTimeout);
            var found = await context.CallActivityAsync<QbdTxnAnswer>(nameof(QbdReadTxnAnswerActivity), query, retry);
            if (!found.Succeeded)
            {
                throw new ConnectorException("qbd", ErrorKind.Transient, $"QuickBooks could not look up order {input.OrderNumber}: status {found.StatusCode} {found.StatusMessage}");
            }

            if (found.TxnId is { } txnId)
            {
                if (found.HasShipment || order.Posting == QbdShipStationNames.PostingJournal)
                {
                    var outcome = ownAdd is null ? QbdShipStationWorkflowOutcomes.Found : QbdShipStationWorkflowOutcomes.Created;
                    return await FinishAsync(context, input, new QbdPostingResult(input.OrderNumber, outcome, txnId, $"QuickBooks transaction {txnId} has RefNumber {input.OrderNumber} dated {date:yyyy-MM-dd}."), null);
                }

                context.SetCustomStatus(new { step = "mod", orderNumber = input.OrderNumber, txnId });
                var mod = query with { RequestId = QuickBooksDesktopBridge.NewRequestId(context), TxnId = txnId, EditSequence = found.EditSequence, CurrentMemo = found.Memo };
                await context.CallActivityAsync<bool>(nameof(QbdQueueInvoiceModActivity), mod, retry);
                var modSignal = await QuickBooksDesktopBridge.WaitForAnswerAsync(context, mod.RequestId, QbdOrderValidationWorkflow.AnswerTimeout);
                if (modSignal.State == QuickBooksDesktopRequestState.Unconfirmed)
                {
                    continue; // The re-query's memo says whether the mod ran.
                }

                var modified = await context.CallActivityAsync<QbdTxnAnswer>(nameof(QbdReadTxnAnswerActivity), mod, retry);
                if (modified.Succeeded)
                {
                    return await FinishAsync(context, input, new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.Updated, txnId, $"Invoice {txnId} corrected with shipment {input.ShipmentId}{(reread ? " after re-reading its EditSequence" : string.Empty)}."), null);
                }

                if (modified.StatusCode == StaleEditSequence && !reread)
                {
                    reread = true;
                    continue;
                }

                throw new ConnectorException(
                    "qbd",
                    modified.StatusCode == StaleEditSequence ? ErrorKind.Conflict : ErrorKind.Validation,
                    $"QuickBooks refused the correction of invoice {txnId} (order {input.OrderNumber}): status {modified.StatusCode} {modified.StatusMessage}",
                    vendorErrorCode: modified.StatusCode.ToString(CultureInfo.InvariantCulture));
            }

            context.SetCustomStatus(new { step = "add", orderNumber = input.OrderNumber, round });
            var add = query with { RequestId = QuickBooksDesktopBridge.NewRequestId(context), ReplacesRequestId = ownAdd };
            var queued = await context.CallActivityAsync<QbdAddQueued>(nameof(QbdQueueTxnAddActivity), add, retry);
            if (!queued.Queued)
            {
                ownAdd = null;
                continue; // Another run's add is queued ahead; the re-query is answered after it.
            }

            ownAdd = add.RequestId;
            var signal = await QuickBooksDesktopBridge.WaitForAnswerAsync(context, add.RequestId, QbdOrderValidationWorkflow.AnswerTimeout);
            if (signal.State == QuickBooksDesktopRequestState.Unconfirmed)
            {
                continue; // The answer was lost: re-query; QuickBooks may have done it.
            }

            var answer = await context.CallActivityAsync<QbdTxnAnswer>(nameof(QbdReadTxnAnswerActivity), add, retry);
            if (answer.Succeeded && answer.TxnId is { } created)
            {
                return await FinishAsync(context, input, new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.Created, created, $"QuickBooks {(order.Posting == QbdShipStationNames.PostingJournal ? "journal entry" : "invoice")} {created} created with RefNumber {input.OrderNumber} dated {date:yyyy-MM-dd}."), null);
            }

            if (answer.StatusCode == InvalidReference)
            {
                return await FinishAsync(context, input, new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.Flagged, null, "QuickBooks refused the order: " + answer.StatusMessage), ownAdd);
            }

            await FinishAsync(context, input, new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.Failed, null, $"status {answer.StatusCode} {answer.StatusMessage}"), ownAdd);
            throw new ConnectorException("qbd", ErrorKind.Validation, $"QuickBooks refused order {input.OrderNumber}: status {answer.StatusCode} {answer.StatusMessage}", vendorErrorCode: answer.StatusCode.ToString(CultureInfo.InvariantCulture));
        }

        throw new ConnectorException("qbd", ErrorKind.Transient, $"Order {input.OrderNumber} is not settled in QuickBooks after {MaxRounds} query rounds (another run's add, or answers lost); replay it after the Web Connector ran.");
    }

    private static async Task<QbdPostingResult> FinishAsync(IWorkflowContext context, QbdShipmentRef input, QbdPostingResult result, string? release)
    {
        await context.CallActivityAsync<bool>(nameof(QbdRecordPostingActivity), new QbdPostingRecord(input, result, release), QbdOrderValidationWorkflow.StepRetry);
        context.SetCustomStatus(new { step = "done", orderNumber = input.OrderNumber, outcome = result.Outcome, txnId = result.TxnId });
        return result;
    }
}
