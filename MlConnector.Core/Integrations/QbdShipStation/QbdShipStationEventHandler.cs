using System.Diagnostics.CodeAnalysis;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The <c>qbd-shipstation</c> handler of the ShipStation intake: ORDER_NOTIFY and SHIP_NOTIFY start
/// <see cref="QbdShipStationNotificationWorkflow"/> under an id derived from the delivery
/// (<see cref="QbdShipStationKeys.NotificationInstance"/>), so a redelivery is a duplicate, counted on the first delivery's
/// audit row (<see cref="IAuditTrail.WriteOnceAsync"/>); other events (FULFILLMENT_SHIPPED, V2) are audited once and start nothing. It never starts a QuickBooks Online workflow.
/// </summary>
/// <param name="workflows">The workflow client.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A handler of ShipStation webhook events, not a .NET event delegate; the name issue #15 gives the intake's handler contract.")]
public sealed class QbdShipStationEventHandler(IWorkflowClient workflows, IAuditTrail audit, ILogger<QbdShipStationEventHandler> logger) : IShipStationEventHandler
{
    /// <inheritdoc />
    public string IntegrationKind => IntegrationKinds.QbdShipStation;

    /// <inheritdoc />
    public async Task HandleAsync(Connection connection, ShipStationWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (webhookEvent.ResourceUrl is not { } resourceUrl || webhookEvent.ResourceType is not (ShipStationWebhookEvents.OrderNotify or ShipStationWebhookEvents.ShipNotify))
        {
            await audit.WriteOnceAsync(
                new AuditRecord(connection.Id, "shipstation.webhook.receive", AuditOutcome.Skipped) { Detail = $"{webhookEvent.ResourceType} starts no QuickBooks Desktop flow." },
                webhookEvent.ResourceType + " " + (webhookEvent.ResourceUrl?.AbsoluteUri ?? webhookEvent.V2Body ?? webhookEvent.DeliveryId),
                cancellationToken);
            return;
        }

        var instanceId = QbdShipStationKeys.NotificationInstance(connection.Id, webhookEvent.ResourceType, resourceUrl);
        var start = await workflows.StartAsync(nameof(QbdShipStationNotificationWorkflow), instanceId, new QbdNotification(connection.Id, webhookEvent.ResourceType, resourceUrl), cancellationToken);
        await audit.WriteOnceAsync(
            new AuditRecord(connection.Id, "shipstation.webhook.receive", start.IsDuplicate ? AuditOutcome.Skipped : AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = instanceId,
                Detail = start.IsDuplicate ? $"{webhookEvent.ResourceType} redelivered; duplicate suppressed." : $"{webhookEvent.ResourceType} accepted for QuickBooks Desktop.",
            },
            instanceId,
            cancellationToken);
        logger.QbdDeliveryAccepted(connection.Id, webhookEvent.ResourceType, start.IsDuplicate);
    }
}
