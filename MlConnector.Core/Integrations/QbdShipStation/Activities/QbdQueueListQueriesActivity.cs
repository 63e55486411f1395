using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Queues a batch's CustomerQuery and ItemQuery in the connection's outbox, for the calling workflow to wait on: by full
/// name (the batch's own customers and items) or the whole lists with iterators (<c>MaxReturned</c>
/// <see cref="QbXmlRequests.DefaultMaxReturned"/>, so a page stays well inside QBWC's timeout; the outbox queues each
/// <c>Continue</c> in the same session). Queued before any transaction that references them (lists before transactions).
/// </summary>
/// <param name="outbox">The outbox.</param>
/// <param name="orders">The order store.</param>
/// <param name="connections">The connection store (item mappings).</param>
public sealed class QbdQueueListQueriesActivity(QuickBooksDesktopOutbox outbox, QbdOrderStore orders, IConnectionStore connections) : IWorkflowActivity<QbdListRequest, bool>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueListQueriesActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, QbdListRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var connectionId = input.Batch.ConnectionId;
        QbXmlListQuery customers;
        QbXmlListQuery items;
        if (input.Batch.ByName)
        {
            var connection = await connections.GetAsync(connectionId, cancellationToken) ?? throw new InvalidOperationException($"Connection {connectionId} does not exist.");
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var skus = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var number in input.Batch.OrderNumbers)
            {
                var order = await orders.GetAsync(connectionId, number, cancellationToken) ?? throw new InvalidOperationException($"Order {number} was never saved.");
                names.Add(order.CustomerFullName);
                skus.UnionWith(order.Lines.Select(l => QbdOrderStore.ItemFullName(connection, l.Sku)));
            }

            names.RemoveWhere(string.IsNullOrWhiteSpace);
            skus.RemoveWhere(string.IsNullOrWhiteSpace);
            customers = new QbXmlListQuery { FullNames = names.Count > 0 ? [.. names] : ["(none)"] };
            items = new QbXmlListQuery { FullNames = skus.Count > 0 ? [.. skus] : ["(none)"] };
        }
        else
        {
            customers = new QbXmlListQuery { MaxReturned = QbXmlRequests.DefaultMaxReturned, Iterator = "Start" };
            items = customers;
        }

        await outbox.EnqueueAsync(connectionId, QbXmlRequests.CustomerQuery(input.CustomerRequestId, customers), context.InstanceId, cancellationToken);
        await outbox.EnqueueAsync(connectionId, QbXmlRequests.ItemQuery(input.ItemRequestId, items), context.InstanceId, cancellationToken);
        return true;
    }
}
