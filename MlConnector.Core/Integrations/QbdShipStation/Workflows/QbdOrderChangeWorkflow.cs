using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Workflows;

/// <summary>
/// "ShipStation changed an order already recorded in QuickBooks Desktop": the one transaction with <c>RefNumber</c> = the
/// order number is corrected or voided, never duplicated.
/// <list type="number">
/// <item>Query QuickBooks by RefNumber (before every update, for the current <c>EditSequence</c> and amount). Nothing
/// found: nothing to change (<see cref="QbdShipStationWorkflowOutcomes.NotRecorded"/>; a later shipment adds the order as it is now).</item>
/// <item>Cancellation: a transaction whose amount is already zero is void (a replay, or a void whose answer was lost) and
/// is left alone; otherwise <c>TxnVoidRq</c>.</item>
/// <item>Correction: a transaction that already holds the order's amount is left alone; otherwise InvoiceMod (lines
/// replaced) or JournalEntryMod with the <c>EditSequence</c> just read; status 3200 re-queries once more, then fails as Conflict.</item>
/// </list>
/// An update whose answer was lost is never resent blindly: the workflow re-queries and decides again on what QuickBooks holds.
/// </summary>
public sealed class QbdOrderChangeWorkflow : IWorkflow<QbdOrderChange, QbdPostingResult>
{
    /// <inheritdoc />
    public string Name => nameof(QbdOrderChangeWorkflow);

    /// <inheritdoc />
    public async Task<QbdPostingResult> RunAsync(IWorkflowContext context, QbdOrderChange input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = QbdOrderValidationWorkflow.StepRetry;
        var action = input.Cancel ? "void" : "correct";
        var reference = input.AsShipmentRef();
        context.SetCustomStatus(new { step = "read-order", orderNumber = input.OrderNumber, action });
        var order = await context.CallActivityAsync<QbdOrderState>(nameof(QbdReadOrderActivity), reference, retry);
        var kind = order.Posting == QbdShipStationNames.PostingJournal ? "journal entry" : "invoice";
        var today = QbdCompanyCalendar.DateOf(new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), order.TimeZone);
        var reread = false;
        var sent = false;
        for (var round = 0; round < QbdShipmentToQbdWorkflow.MaxRounds; round++)
        {
            context.SetCustomStatus(new { step = "query", orderNumber = input.OrderNumber, action, round });
            var query = new QbdTxnRequest(reference, QuickBooksDesktopBridge.NewRequestId(context), order.Posting, today);
            await context.CallActivityAsync<bool>(nameof(QbdQueueTxnQueryActivity), query, retry);
            await QuickBooksDesktopBridge.WaitForAnswerAsync(context, query.RequestId, QbdOrderValidationWorkflow.AnswerTimeout);
            var found = await context.CallActivityAsync<QbdTxnAnswer>(nameof(QbdReadTxnAnswerActivity), query, retry);
            if (!found.Succeeded)
            {
                throw new ConnectorException("qbd", ErrorKind.Transient, $"QuickBooks could not look up order {input.OrderNumber}: status {found.StatusCode} {found.StatusMessage}");
            }

            if (found.TxnId is not { } txnId)
            {
                return await FinishAsync(context, reference, new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.NotRecorded, null, $"QuickBooks has no {kind} with RefNumber {input.OrderNumber}; nothing to {action}."));
            }

            var settled = input.Cancel ? found.Amount == 0m : found.Amount == order.Amount;
            if (settled)
            {
                var outcome = input.Cancel ? QbdShipStationWorkflowOutcomes.Voided : sent ? QbdShipStationWorkflowOutcomes.Updated : QbdShipStationWorkflowOutcomes.Found;
                return await FinishAsync(context, reference, new QbdPostingResult(input.OrderNumber, outcome, txnId, input.Cancel ? $"QuickBooks {kind} {txnId} (RefNumber {input.OrderNumber}) is void." : $"QuickBooks {kind} {txnId} (RefNumber {input.OrderNumber}) holds {found.Amount:0.00}."));
            }

            context.SetCustomStatus(new { step = action, orderNumber = input.OrderNumber, txnId, round });
            var update = query with { RequestId = QuickBooksDesktopBridge.NewRequestId(context), TxnId = txnId, EditSequence = found.EditSequence, CurrentMemo = found.Memo };
            await context.CallActivityAsync<bool>(input.Cancel ? nameof(QbdQueueTxnVoidActivity) : nameof(QbdQueueOrderCorrectionActivity), update, retry);
            sent = true;
            var signal = await QuickBooksDesktopBridge.WaitForAnswerAsync(context, update.RequestId, QbdOrderValidationWorkflow.AnswerTimeout);
            if (signal.State == QuickBooksDesktopRequestState.Unconfirmed)
            {
                continue; // The re-query's amount says whether it ran.
            }

            var answer = await context.CallActivityAsync<QbdTxnAnswer>(nameof(QbdReadTxnAnswerActivity), update, retry);
            if (answer.Succeeded)
            {
                var detail = input.Cancel
                    ? $"QuickBooks {kind} {txnId} (RefNumber {input.OrderNumber}) voided: the order was cancelled in ShipStation."
                    : $"QuickBooks {kind} {txnId} (RefNumber {input.OrderNumber}) corrected to {order.Amount:0.00}{(reread ? " after re-reading its EditSequence" : string.Empty)}.";
                return await FinishAsync(context, reference, new QbdPostingResult(input.OrderNumber, input.Cancel ? QbdShipStationWorkflowOutcomes.Voided : QbdShipStationWorkflowOutcomes.Updated, txnId, detail));
            }

            if (answer.StatusCode == QbdShipmentToQbdWorkflow.StaleEditSequence && !reread)
            {
                reread = true;
                continue;
            }

            throw new ConnectorException(
                "qbd",
                answer.StatusCode == QbdShipmentToQbdWorkflow.StaleEditSequence ? ErrorKind.Conflict : ErrorKind.Validation,
                $"QuickBooks refused to {action} {kind} {txnId} (order {input.OrderNumber}): status {answer.StatusCode} {answer.StatusMessage}",
                vendorErrorCode: answer.StatusCode.ToString(CultureInfo.InvariantCulture));
        }

        throw new ConnectorException("qbd", ErrorKind.Transient, $"Order {input.OrderNumber} is not settled in QuickBooks after {QbdShipmentToQbdWorkflow.MaxRounds} query rounds (answers lost); replay it after the Web Connector ran.");
    }

    private static async Task<QbdPostingResult> FinishAsync(IWorkflowContext context, QbdShipmentRef reference, QbdPostingResult result)
    {
        await context.CallActivityAsync<bool>(nameof(QbdRecordPostingActivity), new QbdPostingRecord(reference, result), QbdOrderValidationWorkflow.StepRetry);
        context.SetCustomStatus(new { step = "done", orderNumber = result.OrderNumber, outcome = result.Outcome, txnId = result.TxnId });
        return result;
    }
}
