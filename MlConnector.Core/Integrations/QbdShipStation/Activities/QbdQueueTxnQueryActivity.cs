using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Queues the query that makes posting idempotent: InvoiceQuery (or JournalEntryQuery) by <c>RefNumber</c> = the order
/// number. It runs before every add and after every unconfirmed one, so a lost response never creates a second transaction.
/// </summary>
/// <param name="outbox">The outbox.</param>
public sealed class QbdQueueTxnQueryActivity(QuickBooksDesktopOutbox outbox) : IWorkflowActivity<QbdTxnRequest, bool>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueTxnQueryActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, QbdTxnRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Posting == QbdShipStationNames.PostingJournal
            ? QbXmlRequests.JournalEntryQueryByRefNumber(input.RequestId, [input.Shipment.OrderNumber])
            : QbXmlRequests.InvoiceQueryByRefNumber(input.RequestId, [input.Shipment.OrderNumber]);
        await outbox.EnqueueAsync(input.Shipment.ConnectionId, request, context.InstanceId, cancellationToken);
        return true;
    }
}
