using System.Xml.Linq;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Queues the correction of an order's QuickBooks transaction after ShipStation changed its lines or amounts, never a
/// second transaction: an InvoiceMod whose lines replace the invoice's (<see cref="QbXmlRequests.InvoiceMod"/>) with a memo
/// line naming the correction, or a JournalEntryMod with the new total (<see cref="QbXmlRequests.JournalEntryMod"/>); each
/// with the <c>EditSequence</c> the workflow just re-queried (status 3200 when someone changed it since).
/// </summary>
/// <param name="outbox">The outbox.</param>
/// <param name="orders">The order store (the order with its connection).</param>
[TargetWrite]
public sealed class QbdQueueOrderCorrectionActivity(QuickBooksDesktopOutbox outbox, QbdOrderStore orders) : IWorkflowActivity<QbdTxnRequest, bool>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueOrderCorrectionActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, QbdTxnRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var shipment = input.Shipment;
        var (connection, order) = await orders.GetForPostingAsync(shipment.ConnectionId, shipment.OrderNumber, cancellationToken);
        var line = $"ShipStation order {shipment.OrderNumber} corrected {input.TxnDate:yyyy-MM-dd}";
        XElement request;
        if (input.Posting == QbdShipStationNames.PostingJournal)
        {
            request = QbXmlRequests.JournalEntryMod(input.RequestId, input.TxnId!, input.EditSequence!, QbdPostingLines.JournalLines(connection, order, line));
        }
        else
        {
            request = QbXmlRequests.InvoiceMod(input.RequestId, input.TxnId!, input.EditSequence!, memo: QbdShipStationMemo.Append(input.CurrentMemo, line), lines: QbdPostingLines.InvoiceLines(connection, order));
        }

        await outbox.EnqueueAsync(shipment.ConnectionId, request, context.InstanceId, cancellationToken);
        return true;
    }
}
