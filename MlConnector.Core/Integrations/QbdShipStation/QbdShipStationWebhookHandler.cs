using MlConnector.Core.Audit;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// What a ShipStation V1 delivery (verified and recorded by the ShipStation intake) does for a <c>qbd-shipstation</c>
/// connection: ORDER_NOTIFY and SHIP_NOTIFY start <see cref="QbdShipStationNotificationWorkflow"/> under an id derived
/// from the delivery (<see cref="QbdShipStationKeys.NotificationInstance"/>), so a redelivery is a duplicate; other events
/// are audited and start nothing. It never starts a QuickBooks Online workflow.
/// </summary>
/// <param name="workflows">The workflow client.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class QbdShipStationWebhookHandler(IWorkflowClient workflows, IAuditTrail audit, ILogger<QbdShipStationWebhookHandler> logger)
{
    /// <summary>ShipStation's new-order event.</summary>
    public const string OrderNotify = "ORDER_NOTIFY";

    /// <summary>ShipStation's label-created event.</summary>
    public const string ShipNotify = "SHIP_NOTIFY";

    /// <summary>Starts the notification workflow for one delivery.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="resourceType">The delivery's <c>resource_type</c>.</param>
    /// <param name="resourceUrl">The delivery's <c>resource_url</c>.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>True when a workflow was started; false for a duplicate or an event this integration does not use.</returns>
    public async Task<bool> HandleAsync(string connectionId, string resourceType, Uri resourceUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceUrl);
        if (resourceType is not (OrderNotify or ShipNotify))
        {
            await audit.WriteAsync(new AuditRecord(connectionId, "shipstation.webhook.receive", AuditOutcome.Skipped) { Detail = $"{resourceType} starts no QuickBooks Desktop flow." }, cancellationToken);
            return false;
        }

        var instanceId = QbdShipStationKeys.NotificationInstance(connectionId, resourceType, resourceUrl);
        var start = await workflows.StartAsync(nameof(QbdShipStationNotificationWorkflow), instanceId, new QbdNotification(connectionId, resourceType, resourceUrl), cancellationToken);
        await audit.WriteAsync(
            new AuditRecord(connectionId, "shipstation.webhook.receive", start.IsDuplicate ? AuditOutcome.Skipped : AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = instanceId,
                Detail = start.IsDuplicate ? $"{resourceType} redelivered; duplicate suppressed." : $"{resourceType} accepted for QuickBooks Desktop.",
            },
            cancellationToken);
        logger.QbdDeliveryAccepted(connectionId, resourceType, start.IsDuplicate);
        return !start.IsDuplicate;
    }
}
