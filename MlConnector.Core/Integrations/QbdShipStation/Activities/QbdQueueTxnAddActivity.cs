using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Queues the order's InvoiceAdd (or JournalEntryAdd, per <c>qbd.posting</c>), dated on the ship date and keyed by
/// <c>RefNumber</c> = the order number, after reserving the order's one add (<see cref="QbdOrderStore.TryReserveAddAsync"/>):
/// when another run's add is already queued, nothing is queued and the workflow re-queries instead. Invoice lines are the
/// order's products by QuickBooks item full name (<c>qbdItems</c>, else the SKU) at ShipStation's unit price; the journal
/// entry debits <c>qbd.receivableAccount</c> (default Accounts Receivable, with the customer) and credits
/// <c>qbd.incomeAccount</c> (default Sales) with the order total.
/// </summary>
/// <param name="outbox">The outbox.</param>
/// <param name="orders">The order store.</param>
/// <param name="connections">The connection store.</param>
[TargetWrite]
public sealed class QbdQueueTxnAddActivity(QuickBooksDesktopOutbox outbox, QbdOrderStore orders, IConnectionStore connections) : IWorkflowActivity<QbdTxnRequest, QbdAddQueued>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueTxnAddActivity);

    /// <inheritdoc />
    public async Task<QbdAddQueued> RunAsync(WorkflowActivityContext context, QbdTxnRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var shipment = input.Shipment;
        var connection = await connections.GetAsync(shipment.ConnectionId, cancellationToken) ?? throw new InvalidOperationException($"Connection {shipment.ConnectionId} does not exist.");
        var order = await orders.GetAsync(shipment.ConnectionId, shipment.OrderNumber, cancellationToken) ?? throw new InvalidOperationException($"Order {shipment.OrderNumber} was never saved.");
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
            ? QbXmlRequests.JournalEntryAdd(input.RequestId, new QbdJournalEntry(input.TxnDate, shipment.OrderNumber, memo,
            [
                new QbdJournalLine(true, connection.GetSetting(QbdShipStationNames.Qbd, QbdShipStationNames.ReceivableAccountSetting) ?? "Accounts Receivable", order.OrderTotal, memo, order.CustomerFullName),
                new QbdJournalLine(false, connection.GetSetting(QbdShipStationNames.Qbd, QbdShipStationNames.IncomeAccountSetting) ?? "Sales", order.OrderTotal, memo),
            ]))
            : QbXmlRequests.InvoiceAdd(input.RequestId, new QbdInvoice(
                order.CustomerFullName,
                input.TxnDate,
                shipment.OrderNumber,
                memo,
                [.. order.Lines.Select(l => new QbdInvoiceLine(QbdOrderStore.ItemFullName(connection, l.Sku), l.Name, l.Quantity, l.UnitPrice))])
            {
                ShipDate = input.TxnDate,
            });
        await outbox.EnqueueAsync(shipment.ConnectionId, request, context.InstanceId, cancellationToken);
        return new QbdAddQueued(true, null);
    }
}
