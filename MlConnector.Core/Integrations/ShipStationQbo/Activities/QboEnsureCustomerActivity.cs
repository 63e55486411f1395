using MlConnector.Core.Audit;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Makes the order's buyer one QBO customer, matched by the buyer's stable key (the e-mail, else ShipStation's customer
/// id), never by display name alone; see <see cref="ShipStationQboCustomerResolver"/>.
/// </summary>
/// <param name="customers">Finds or creates the buyer's customer.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="audit">The audit trail.</param>
[TargetWrite]
public sealed class QboEnsureCustomerActivity(ShipStationQboCustomerResolver customers, ShipStationSnapshotStore snapshots, IAuditTrail audit)
    : IWorkflowActivity<OrderSnapshotRef, string>
{
    /// <inheritdoc />
    public string Name => nameof(QboEnsureCustomerActivity);

    /// <inheritdoc />
    public Task<string> RunAsync(WorkflowActivityContext context, OrderSnapshotRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "qbo.customer.ensure", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = input.OrderNumber,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var order = await snapshots.GetOrderAsync(input, ct);
                var result = await customers.EnsureAsync(input.ConnectionId, order, ct);
                return new AuditedResult<string>(result.CustomerId, result.Created ? AuditOutcome.Succeeded : AuditOutcome.Skipped, result.CustomerId, result.Detail);
            },
            cancellationToken);
    }
}
