using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Creates the order's QBO invoice exactly once: the ledger first, then QBO itself by DocNumber (the order number),
/// and only then a create carrying a stable <c>requestid</c>, so a retried, replayed or redelivered create, or a create
/// whose response was lost, never makes a second invoice.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
[TargetWrite]
public sealed class QboCreateInvoiceActivity(
    IQuickBooksOnlineClient qbo,
    IConnectionStore connections,
    ShipStationSnapshotStore snapshots,
    IIdempotencyLedger ledger,
    IAuditTrail audit) : IWorkflowActivity<InvoiceRequest, InvoiceResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboCreateInvoiceActivity);

    /// <inheritdoc />
    public Task<InvoiceResult> RunAsync(WorkflowActivityContext context, InvoiceRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var order = input.Order;
        var template = new AuditRecord(order.ConnectionId, "qbo.invoice.create", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = order.OrderNumber,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var connection = await connections.GetAsync(order.ConnectionId, ct)
                    ?? throw new ConnectorValidationException("shipstation-qbo", $"Connection '{order.ConnectionId}' no longer exists.", field: "connectionId");
                var document = await snapshots.GetOrderAsync(order, ct);
                var invoice = ShipStationQboMapper.ToInvoice(connection, document, input.CustomerId);
                var key = ShipStationQboKeys.InvoiceCreate(order.ConnectionId, order.OrderNumber);
                var result = await ledger.ExecuteOnceAsync(
                    key,
                    async c => (await qbo.FindInvoiceByDocNumberAsync(order.ConnectionId, order.OrderNumber, c))?.Id,
                    async c => (await qbo.CreateInvoiceAsync(order.ConnectionId, invoice, key.ToRequestId(), c)).Id!,
                    ct);
                return result.Created
                    ? new AuditedResult<InvoiceResult>(new InvoiceResult(result.TargetId, true), AuditOutcome.Succeeded, result.TargetId, $"Created invoice {order.OrderNumber}.")
                    : new AuditedResult<InvoiceResult>(new InvoiceResult(result.TargetId, false), AuditOutcome.Skipped, result.TargetId, $"Invoice {order.OrderNumber} already exists; not created again.");
            },
            cancellationToken);
    }
}
