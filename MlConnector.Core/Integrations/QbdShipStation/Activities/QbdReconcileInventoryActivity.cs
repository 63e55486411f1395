using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Compares the units on open ShipStation orders (not shipped, not cancelled) per QuickBooks item with QuickBooks Desktop's
/// <c>QuantityOnHand</c> (every ItemInventoryQuery page): an item whose open orders exceed what is on hand, or that QuickBooks
/// does not stock, is a discrepancy, written to the audit trail one row per item and kept as the connection's report.
/// </summary>
/// <param name="outbox">The outbox.</param>
/// <param name="orders">The order store.</param>
/// <param name="connections">The connection store.</param>
/// <param name="reports">Where the report is kept.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class QbdReconcileInventoryActivity(
    QuickBooksDesktopOutbox outbox,
    QbdOrderStore orders,
    IConnectionStore connections,
    QbdInventoryStore reports,
    IAuditTrail audit,
    TimeProvider timeProvider) : IWorkflowActivity<QbdInventoryRequest, QbdInventoryReport>
{
    /// <inheritdoc />
    public string Name => nameof(QbdReconcileInventoryActivity);

    /// <inheritdoc />
    public async Task<QbdInventoryReport> RunAsync(WorkflowActivityContext context, QbdInventoryRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var connection = await connections.GetAsync(input.ConnectionId, cancellationToken) ?? throw new InvalidOperationException($"Connection {input.ConnectionId} does not exist.");
        var onHand = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var page in await outbox.GetPagesAsync(input.ConnectionId, input.RequestId!, cancellationToken))
        {
            if (!page.Succeeded)
            {
                throw new ConnectorException("qbd", ErrorKind.Transient, $"QuickBooks answered the inventory query with status {page.StatusCode}: {page.StatusMessage}");
            }

            foreach (var item in page.ListEntities())
            {
                onHand[item.FullName] = item.QuantityOnHand ?? 0m;
            }
        }

        var open = (await orders.ListAsync(input.ConnectionId, cancellationToken))
            .Where(o => o.OrderStatus is not ("shipped" or "cancelled"))
            .SelectMany(o => o.Lines)
            .GroupBy(l => QbdOrderStore.ItemFullName(connection, l.Sku), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.OrdinalIgnoreCase);
        var discrepancies = new List<QbdInventoryDiscrepancy>();
        foreach (var (item, ordered) in open.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            QbdInventoryDiscrepancy? discrepancy = !onHand.TryGetValue(item, out var quantity)
                ? new QbdInventoryDiscrepancy(item, ordered, null, "QuickBooks Desktop has no inventory item by this name")
                : ordered > quantity ? new QbdInventoryDiscrepancy(item, ordered, quantity, $"short by {(ordered - quantity).ToString(CultureInfo.InvariantCulture)}") : null;
            if (discrepancy is not null)
            {
                discrepancies.Add(discrepancy);
                await audit.WriteAsync(
                    new AuditRecord(input.ConnectionId, QbdShipStationNames.InventoryOperation, AuditOutcome.Failed)
                    {
                        WorkflowInstanceId = context.InstanceId,
                        BusinessKey = item,
                        ErrorKind = ErrorKind.Validation,
                        Detail = $"{item}: {ordered} unit(s) on open ShipStation orders, {(discrepancy.OnHand is { } q ? q.ToString(CultureInfo.InvariantCulture) : "none")} on hand in QuickBooks ({discrepancy.Problem}).",
                    },
                    cancellationToken);
            }
        }

        var report = new QbdInventoryReport(input.ConnectionId, timeProvider.GetUtcNow(), open.Count, onHand.Count, discrepancies);
        await reports.SaveAsync(report, cancellationToken);
        return report;
    }
}
