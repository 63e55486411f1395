using MlConnector.Core.Alerts;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Checks a batch of orders against the customer and item lists QuickBooks answered (every page, read once for the
/// batch): an order whose customer or an item QuickBooks does not know is flagged for manual review with what is missing
/// (on the order, in the audit trail and in one alert for the batch) and nothing is ever created for it; the batch goes
/// on. Names compare case-insensitively, as QuickBooks list names do.
/// </summary>
/// <param name="outbox">The outbox holding the answers.</param>
/// <param name="orders">The order store.</param>
/// <param name="connections">The connection store.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="alerts">Delivers the "orders need review" alert.</param>
/// <param name="logger">The logger.</param>
public sealed class QbdCheckOrdersActivity(
    QuickBooksDesktopOutbox outbox,
    QbdOrderStore orders,
    IConnectionStore connections,
    IAuditTrail audit,
    AlertNotifier alerts,
    ILogger<QbdCheckOrdersActivity> logger) : IWorkflowActivity<QbdListRequest, QbdOrderCheckResult>
{
    /// <summary>The alert rule of orders flagged for review.</summary>
    public const string ReviewAlertRule = "qbd-order-review";

    /// <inheritdoc />
    public string Name => nameof(QbdCheckOrdersActivity);

    /// <inheritdoc />
    public async Task<QbdOrderCheckResult> RunAsync(WorkflowActivityContext context, QbdListRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var connectionId = input.Batch.ConnectionId;
        var connection = await connections.GetAsync(connectionId, cancellationToken) ?? throw new InvalidOperationException($"Connection {connectionId} does not exist.");
        var customers = await NamesAsync(connectionId, input.CustomerRequestId, cancellationToken);
        var items = await NamesAsync(connectionId, input.ItemRequestId, cancellationToken);
        var valid = new List<string>();
        var flagged = new List<string>();
        foreach (var number in input.Batch.OrderNumbers)
        {
            var order = await orders.GetAsync(connectionId, number, cancellationToken);
            if (order is null)
            {
                continue;
            }

            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(order.CustomerFullName) || !customers.Contains(order.CustomerFullName))
            {
                missing.Add($"customer \"{order.CustomerFullName}\"");
            }

            missing.AddRange(order.Lines.Select(l => QbdOrderStore.ItemFullName(connection, l.Sku)).Where(n => !items.Contains(n)).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => $"item \"{n}\""));
            if (missing.Count == 0)
            {
                await orders.SetReviewAsync(connectionId, number, QbdOrderReview.Valid, null, cancellationToken);
                valid.Add(number);
                continue;
            }

            var what = "QuickBooks Desktop does not know " + string.Join(", ", missing) + ": add it in QuickBooks (or map it in the connection's qbdCustomers / qbdItems) and the order is recorded when it ships.";
            await orders.SetReviewAsync(connectionId, number, QbdOrderReview.NeedsReview, what, cancellationToken);
            await audit.WriteAsync(new AuditRecord(connectionId, QbdShipStationNames.OrderFlaggedOperation, AuditOutcome.Failed) { WorkflowInstanceId = context.InstanceId, BusinessKey = number, ErrorKind = ErrorKind.Validation, Detail = what }, cancellationToken);
            flagged.Add(number);
        }

        if (valid.Count > 0)
        {
            await audit.WriteAsync(new AuditRecord(connectionId, QbdShipStationNames.OrderValidatedOperation, AuditOutcome.Succeeded) { WorkflowInstanceId = context.InstanceId, Detail = $"{valid.Count} order(s) match QuickBooks' customers and items ({customers.Count} customers, {items.Count} items read)." }, cancellationToken);
        }

        if (flagged.Count > 0)
        {
            logger.QbdOrdersFlagged(connectionId, flagged.Count);
            try
            {
                await alerts.DeliverAsync(new Alert(connectionId, ReviewAlertRule, $"{flagged.Count} ShipStation order(s) reference a customer or item QuickBooks Desktop does not know and wait for review: {string.Join(", ", flagged.Take(20))}. Nothing was created for them."), cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                logger.QbdReviewAlertFailed(connectionId, ex);
            }
        }

        return new QbdOrderCheckResult(valid, flagged, customers.Count, items.Count);
    }

    private async Task<HashSet<string>> NamesAsync(string connectionId, string requestId, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var page in await outbox.GetPagesAsync(connectionId, requestId, cancellationToken))
        {
            if (!page.Succeeded)
            {
                throw new ConnectorException("qbd", ErrorKind.Transient, $"QuickBooks answered {page.Name} {requestId} with status {page.StatusCode}: {page.StatusMessage}", vendorErrorCode: page.StatusCode.ToString(CultureInfo.InvariantCulture));
            }

            names.UnionWith(page.ListEntities().Where(e => e.IsActive).Select(e => e.FullName));
        }

        return names;
    }
}
