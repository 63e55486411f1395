using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Queues a correction of an order's invoice as an InvoiceMod (never a second invoice): the shipment is appended to the
/// memo and the ship date set, with the <c>EditSequence</c> the workflow just re-queried. QuickBooks answers 3200 when
/// someone changed the invoice since; the workflow then re-queries once more.
/// </summary>
/// <param name="outbox">The outbox.</param>
[TargetWrite]
public sealed class QbdQueueInvoiceModActivity(QuickBooksDesktopOutbox outbox) : IWorkflowActivity<QbdTxnRequest, bool>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueInvoiceModActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, QbdTxnRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var memo = QbdShipStationMemo.Append(input.CurrentMemo, QbdShipStationMemo.For(input.Shipment, input.TxnDate));
        var request = QbXmlRequests.InvoiceMod(input.RequestId, input.TxnId!, input.EditSequence!, memo: memo, shipDate: input.TxnDate);
        await outbox.EnqueueAsync(input.Shipment.ConnectionId, request, context.InstanceId, cancellationToken);
        return true;
    }
}
