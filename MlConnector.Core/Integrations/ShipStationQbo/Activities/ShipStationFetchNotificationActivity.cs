using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Fetches what a ShipStation notification points at (one call per page of the <c>resource_url</c>): orders for
/// ORDER_NOTIFY, shipments for SHIP_NOTIFY, fulfillments for FULFILLMENT_SHIPPED. Keeps each document in the snapshot
/// store and starts one workflow per order, shipment or fulfillment under its deterministic instance id, so a
/// redelivered notification or an order already found by reconciliation is a duplicate. Cancelled orders, voided
/// labels and voided fulfillments are skipped and audited.
/// </summary>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="dispatcher">Stores snapshots and starts workflows.</param>
/// <param name="audit">The audit trail.</param>
public sealed class ShipStationFetchNotificationActivity(IShipStationClient shipStation, ShipStationDispatcher dispatcher, IAuditTrail audit)
    : IWorkflowActivity<NotificationInput, DispatchResult>
{
    /// <inheritdoc />
    public string Name => nameof(ShipStationFetchNotificationActivity);

    /// <inheritdoc />
    public Task<DispatchResult> RunAsync(WorkflowActivityContext context, NotificationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "shipstation." + input.ResourceType.ToLowerInvariant() + ".fetch", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                DispatchResult result;
                if (input.ResourceType == ShipStationWebhookEvents.OrderNotify)
                {
                    var orders = await shipStation.GetOrdersFromResourceAsync(input.ConnectionId, input.ResourceUrl, ct);
                    result = await dispatcher.DispatchOrdersAsync(input.ConnectionId, orders, ct);
                }
                else if (input.ResourceType == ShipStationWebhookEvents.FulfillmentShipped)
                {
                    var fulfillments = await shipStation.GetFulfillmentsFromResourceAsync(input.ConnectionId, input.ResourceUrl, ct);
                    result = await dispatcher.DispatchFulfillmentsAsync(input.ConnectionId, fulfillments, ct);
                }
                else
                {
                    var shipments = await shipStation.GetShipmentsFromResourceAsync(input.ConnectionId, input.ResourceUrl, ct);
                    result = await dispatcher.DispatchShipmentsAsync(input.ConnectionId, shipments, ct);
                }

                return new AuditedResult<DispatchResult>(
                    result,
                    Detail: $"{result.Found} found, {result.Started} started, {result.Duplicates} duplicates suppressed, {result.Skipped} skipped");
            },
            cancellationToken);
    }
}
