using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Workflows;

/// <summary>
/// "QBO purchase order → UPS shipment": read the PO by GET, validate the ship-to address with UPS (ambiguous or invalid
/// halts here, before anything is posted), rate the shipment, create it (labels to blob storage), post its cost to QBO as
/// a bill or journal entry, and subscribe its packages to Track Alert. One instance per PurchaseOrder id
/// (<see cref="QboUpsKeys.PurchaseOrderInstance"/>); every step is idempotent, so a replay after the address is corrected
/// in QBO ships once.
/// </summary>
public sealed class QboPurchaseOrderToUpsShipmentWorkflow : IWorkflow<PurchaseOrderRef, PurchaseOrderSyncResult>
{
    /// <summary>Vendor steps retry transient failures, 429s and conflicts with backoff for about an hour.</summary>
    public static readonly WorkflowRetryPolicy VendorRetry = WorkflowRetryPolicy.VendorOutage;

    /// <inheritdoc />
    public string Name => nameof(QboPurchaseOrderToUpsShipmentWorkflow);

    /// <inheritdoc />
    public async Task<PurchaseOrderSyncResult> RunAsync(IWorkflowContext context, PurchaseOrderRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "read", purchaseOrderId = input.PurchaseOrderId });
        var planned = await context.CallActivityAsync<PlanResult>(nameof(QboReadPurchaseOrderActivity), input, VendorRetry);
        if (planned.Plan is not { } plan)
        {
            context.SetCustomStatus(new { step = "skipped", purchaseOrderId = input.PurchaseOrderId, reason = planned.SkipReason });
            return new PurchaseOrderSyncResult(input.PurchaseOrderId, null, [], null, null, null, null, planned.SkipReason);
        }

        context.SetCustomStatus(new { step = "address", purchaseOrderId = input.PurchaseOrderId, po = plan.PurchaseOrderNumber });
        await context.CallActivityAsync<UpsAddressValidation>(nameof(UpsValidateAddressActivity), plan, VendorRetry);

        context.SetCustomStatus(new { step = "rate", purchaseOrderId = input.PurchaseOrderId, po = plan.PurchaseOrderNumber });
        var rated = await context.CallActivityAsync<RatedPlan>(nameof(UpsRateShipmentActivity), plan, VendorRetry);

        context.SetCustomStatus(new { step = "ship", purchaseOrderId = input.PurchaseOrderId, po = plan.PurchaseOrderNumber });
        var shipment = await context.CallActivityAsync<ShipmentCreated>(nameof(UpsCreateShipmentActivity), rated, VendorRetry);

        context.SetCustomStatus(new { step = "cost", purchaseOrderId = input.PurchaseOrderId, shipment = shipment.ShipmentIdentificationNumber });
        var cost = await context.CallActivityAsync<CostPostingResult>(nameof(QboPostShipmentCostActivity), new CostPostingRequest(rated, shipment), VendorRetry);

        context.SetCustomStatus(new { step = "trackalert", purchaseOrderId = input.PurchaseOrderId, shipment = shipment.ShipmentIdentificationNumber });
        await context.CallActivityAsync<TrackAlertResult>(nameof(UpsSubscribeTrackAlertActivity), new TrackAlertRequest(input.ConnectionId, shipment.TrackingNumbers), VendorRetry);

        context.SetCustomStatus(new { step = "done", purchaseOrderId = input.PurchaseOrderId, shipment = shipment.ShipmentIdentificationNumber, cost = cost.EntityId });
        return new PurchaseOrderSyncResult(input.PurchaseOrderId, shipment.ShipmentIdentificationNumber, shipment.TrackingNumbers, shipment.Charge, shipment.CurrencyCode, cost.EntityName, cost.EntityId, null);
    }
}
