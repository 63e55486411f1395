using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Fetches what an ORDER_NOTIFY or SHIP_NOTIFY delivery points at (ShipStation V1 <c>resource_url</c>, every page, through
/// the connector's 40 requests/min governor) and hands the documents to <see cref="QbdShipStationDispatcher"/>, which starts
/// one validation per order batch and one posting per shipment under deterministic instance ids.
/// </summary>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="dispatcher">Saves orders and starts workflows.</param>
/// <param name="audit">The audit trail.</param>
public sealed class QbdShipStationFetchNotificationActivity(IShipStationClient shipStation, QbdShipStationDispatcher dispatcher, IAuditTrail audit)
    : IWorkflowActivity<QbdNotification, QbdDispatchResult>
{
    /// <inheritdoc />
    public string Name => nameof(QbdShipStationFetchNotificationActivity);

    /// <inheritdoc />
    public Task<QbdDispatchResult> RunAsync(WorkflowActivityContext context, QbdNotification input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "qbd-shipstation." + input.ResourceType.ToLowerInvariant() + ".fetch", AuditOutcome.Started) { WorkflowInstanceId = context.InstanceId };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var result = input.ResourceType == ShipStationWebhookEvents.OrderNotify
                    ? await dispatcher.DispatchOrdersAsync(input.ConnectionId, await shipStation.GetOrdersFromResourceAsync(input.ConnectionId, input.ResourceUrl, ct), ct)
                    : await dispatcher.DispatchShipmentsAsync(input.ConnectionId, await shipStation.GetShipmentsFromResourceAsync(input.ConnectionId, input.ResourceUrl, ct), ct);
                return new AuditedResult<QbdDispatchResult>(result, Detail: $"{result.Found} found, {result.Started} started, {result.Duplicates} duplicates suppressed, {result.Skipped} skipped");
            },
            cancellationToken);
    }
}
