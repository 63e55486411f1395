using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Checks an order before anything is created in QBO: the connection exists, the order is not cancelled, and
/// every SKU, the shipping method and the tax have mappings. A missing mapping is a data error that names the key to
/// add; the order stays Failed and replayable, and the rest of the batch goes on.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="audit">The audit trail.</param>
public sealed class QboCheckOrderActivity(IConnectionStore connections, ShipStationSnapshotStore snapshots, IAuditTrail audit)
    : IWorkflowActivity<OrderSnapshotRef, OrderCheck>
{
    /// <inheritdoc />
    public string Name => nameof(QboCheckOrderActivity);

    /// <inheritdoc />
    public Task<OrderCheck> RunAsync(WorkflowActivityContext context, OrderSnapshotRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "shipstation-qbo.order.check", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = input.OrderNumber,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var connection = await connections.GetAsync(input.ConnectionId, ct)
                    ?? throw new ConnectorValidationException("shipstation-qbo", $"Connection '{input.ConnectionId}' no longer exists.", field: "connectionId");
                var order = await snapshots.GetOrderAsync(input, ct);
                if (order.OrderStatus == "cancelled")
                {
                    return new AuditedResult<OrderCheck>(new OrderCheck("cancelled in ShipStation"), AuditOutcome.Skipped, Detail: "The order is cancelled in ShipStation; no invoice.");
                }

                var problems = ShipStationQboMapper.FindProblems(connection, order);
                if (problems.Count > 0)
                {
                    throw new ConnectorValidationException("shipstation-qbo", $"Order {order.OrderNumber} cannot be invoiced: {string.Join("; ", problems)}.", field: "mappings");
                }

                return new AuditedResult<OrderCheck>(new OrderCheck(null), Detail: $"{order.Items.Count} line(s), status {order.OrderStatus}");
            },
            cancellationToken);
    }
}
