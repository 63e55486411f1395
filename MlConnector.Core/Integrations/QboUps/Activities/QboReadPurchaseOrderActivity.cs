using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>
/// Reads the purchase order (and its vendor, for the ship-from address) by GET, because QBO webhooks carry only the id,
/// and turns it into a UPS shipment plan. A deleted or closed PO is skipped with a reason; an incomplete address is a
/// data error naming the field.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="audit">The audit trail.</param>
public sealed class QboReadPurchaseOrderActivity(IQuickBooksOnlineClient qbo, IConnectionStore connections, IAuditTrail audit) : IWorkflowActivity<PurchaseOrderRef, PlanResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboReadPurchaseOrderActivity);

    /// <inheritdoc />
    public Task<PlanResult> RunAsync(WorkflowActivityContext context, PurchaseOrderRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "qbo.purchaseorder.read", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = input.PurchaseOrderId,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var connection = await connections.GetAsync(input.ConnectionId, ct)
                    ?? throw new ConnectorValidationException(IntegrationKinds.QboUps, $"Connection '{input.ConnectionId}' no longer exists.", field: "connectionId");
                var settings = QboUpsSettings.From(connection);
                var po = await qbo.GetPurchaseOrderAsync(input.ConnectionId, input.PurchaseOrderId, ct);
                if (po is null)
                {
                    return new AuditedResult<PlanResult>(new PlanResult(null, "The purchase order no longer exists in QuickBooks Online."), AuditOutcome.Skipped, input.PurchaseOrderId, "Deleted in QBO; nothing to ship.");
                }

                if (string.Equals(po.POStatus, "Closed", StringComparison.OrdinalIgnoreCase))
                {
                    return new AuditedResult<PlanResult>(new PlanResult(null, "The purchase order is closed."), AuditOutcome.Skipped, input.PurchaseOrderId, $"PO {po.DocNumber} is closed; nothing to ship.");
                }

                var vendor = po.VendorRef is { Value: { Length: > 0 } vendorId } ? await qbo.GetVendorAsync(input.ConnectionId, vendorId, ct) : null;
                var plan = QboUpsMapper.ToPlan(connection, settings, po, vendor);
                return new AuditedResult<PlanResult>(new PlanResult(plan, null), AuditOutcome.Succeeded, input.PurchaseOrderId, $"PO {plan.PurchaseOrderNumber}: UPS service {plan.Request.ServiceCode}, {plan.Request.Packages.Sum(p => p.Weight)} lb, to {plan.Request.ShipTo.City} {plan.Request.ShipTo.PostalCode}.");
            },
            cancellationToken);
    }
}
