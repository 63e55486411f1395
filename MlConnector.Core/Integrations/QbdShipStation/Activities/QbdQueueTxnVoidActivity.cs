using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Queues the void of a cancelled order's QuickBooks transaction (<c>TxnVoidRq</c>, <c>TxnVoidType</c> Invoice or
/// JournalEntry, <see cref="QbXmlRequests.TxnVoid"/>): QuickBooks keeps the transaction and its RefNumber with a zero
/// amount, so the books show the cancellation and a re-query tells a voided transaction from a live one.
/// </summary>
/// <param name="outbox">The outbox.</param>
[TargetWrite]
public sealed class QbdQueueTxnVoidActivity(QuickBooksDesktopOutbox outbox) : IWorkflowActivity<QbdTxnRequest, bool>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueTxnVoidActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, QbdTxnRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var type = input.Posting == QbdShipStationNames.PostingJournal ? "JournalEntry" : "Invoice";
        await outbox.EnqueueAsync(input.Shipment.ConnectionId, QbXmlRequests.TxnVoid(input.RequestId, type, input.TxnId!), context.InstanceId, cancellationToken);
        return true;
    }
}
