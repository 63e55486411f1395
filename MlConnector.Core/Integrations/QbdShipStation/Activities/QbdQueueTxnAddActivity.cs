using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Queues the order's InvoiceAdd (or JournalEntryAdd, per <c>qbd.posting</c>), dated on the ship date and keyed by
/// <c>RefNumber</c> = the order number, after reserving the order's one add (<see cref="QbdOrderStore.TryReserveAddAsync"/>):
/// when another run's add is already queued, nothing is queued and the workflow re-queries instead. The lines are
/// <see cref="QbdPostingLines"/>.
/// </summary>
/// <param name="outbox">The outbox.</param>
/// <param name="orders">The order store (the order with its connection).</param>
[TargetWrite]
public sealed class QbdQueueTxnAddActivity(QuickBooksDesktopOutbox outbox, QbdOrderStore orders) : IWorkflowActivity<QbdTxnRequest, QbdAddQueued>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueTxnAddActivity);

    /// <inheritdoc />
    public async Task<QbdAddQueued> RunAsync(WorkflowActivityContext context, QbdTxnRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var shipment = input.Shipment;
        var (connection, order) = await orders.GetForPostingAsync(shipment.ConnectionId, shipment.OrderNumber, cancellationToken);
        if (input.ReplacesRequestId is { } replaced)
        {
            await orders.ReleaseAddAsync(shipment.ConnectionId, shipment.OrderNumber, replaced, cancellationToken);
        }

        if (await orders.TryReserveAddAsync(shipment.ConnectionId, shipment.OrderNumber, input.RequestId, cancellationToken) is { } heldBy)
        {
            return new QbdAddQueued(false, heldBy);
        }

        var memo = QbdShipStationMemo.For(shipment, input.TxnDate);
        var request = input.Posting == QbdShipStationNames.PostingJournal
            ? QbXmlRequests.JournalEntryAdd(input.RequestId, new QbdJournalEntry(input.TxnDate, shipment.OrderNumber, memo, QbdPostingLines.JournalLines(connection, order, memo)))
            : QbXmlRequests.InvoiceAdd(input.RequestId, new QbdInvoice(order.CustomerFullName, input.TxnDate, shipment.OrderNumber, memo, QbdPostingLines.InvoiceLines(connection, order))
            {
                ShipDate = input.TxnDate,
            });
        await outbox.EnqueueAsync(shipment.ConnectionId, request, context.InstanceId, cancellationToken);
        return new QbdAddQueued(true, null);
    }
}
