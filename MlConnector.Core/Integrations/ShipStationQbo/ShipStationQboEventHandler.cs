using System.Diagnostics.CodeAnalysis;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The <c>shipstation-qbo</c> handler of the ShipStation intake: a V1 notification starts the
/// <see cref="ShipStationNotificationWorkflow"/> under <see cref="ShipStationQboKeys.NotificationInstance"/>, so a
/// redelivery (or a delivery dispatched twice) is a duplicate, counted on the first delivery's audit row
/// (<see cref="IAuditTrail.WriteOnceAsync"/>); a V2 event starts no ShipStation → QBO flow and is audited once.
/// </summary>
/// <param name="workflows">The workflow client.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A handler of ShipStation webhook events, not a .NET event delegate; the name issue #15 gives the intake's handler contract.")]
public sealed class ShipStationQboEventHandler(IWorkflowClient workflows, IAuditTrail audit, ILogger<ShipStationQboEventHandler> logger) : IShipStationEventHandler
{
    /// <inheritdoc />
    public string IntegrationKind => IntegrationKinds.ShipStationQbo;

    /// <inheritdoc />
    public async Task HandleAsync(Connection connection, ShipStationWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (webhookEvent.ResourceUrl is not { } resourceUrl)
        {
            await audit.WriteOnceAsync(new AuditRecord(connection.Id, "shipstation.v2.webhook.receive", AuditOutcome.Skipped) { Detail = "Genuine V2 delivery; V2 events start no ShipStation → QBO flow." }, webhookEvent.V2Body ?? webhookEvent.DeliveryId, cancellationToken);
            return;
        }

        var notification = new NotificationInput(connection.Id, webhookEvent.ResourceType, resourceUrl);
        var instanceId = ShipStationQboKeys.NotificationInstance(connection.Id, notification.ResourceType, notification.ResourceUrl);
        var start = await workflows.StartAsync(nameof(ShipStationNotificationWorkflow), instanceId, notification, cancellationToken);
        await audit.WriteOnceAsync(
            new AuditRecord(connection.Id, "shipstation.webhook.receive", start.IsDuplicate ? AuditOutcome.Skipped : AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = instanceId,
                Detail = start.IsDuplicate ? $"{notification.ResourceType} redelivered; duplicate suppressed." : $"{notification.ResourceType} accepted.",
            },
            instanceId,
            cancellationToken);
        ShipStationWebhookLog.Accepted(logger, connection.Id, notification.ResourceType, start.IsDuplicate);
    }
}
