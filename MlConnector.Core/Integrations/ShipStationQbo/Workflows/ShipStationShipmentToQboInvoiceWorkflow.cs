using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Workflows;

/// <summary>
/// "ShipStation shipment → QBO invoice update": writes ship date, carrier, tracking number and a status memo onto the
/// order's invoice with its current SyncToken. One instance per shipment (<see cref="ShipStationQboKeys.ShipmentInstance"/>)
/// or fulfillment (<see cref="ShipStationQboKeys.FulfillmentInstance"/>).
/// When the order's invoice does not exist yet the step retries with backoff for about two hours.
/// </summary>
public sealed class ShipStationShipmentToQboInvoiceWorkflow : IWorkflow<ShipmentSnapshotRef, ShipmentSyncResult>
{
    /// <summary>Waits for the invoice and rides out QBO hiccups.</summary>
    public static readonly WorkflowRetryPolicy ApplyRetry = new(10, TimeSpan.FromSeconds(15), 2.0, TimeSpan.FromMinutes(30));

    /// <inheritdoc />
    public string Name => nameof(ShipStationShipmentToQboInvoiceWorkflow);

    /// <inheritdoc />
    public async Task<ShipmentSyncResult> RunAsync(IWorkflowContext context, ShipmentSnapshotRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "apply-shipment", orderNumber = input.OrderNumber, shipmentId = input.ShipmentId });
        var result = await context.CallActivityAsync<ShipmentSyncResult>(nameof(QboApplyShipmentActivity), input, ApplyRetry);
        context.SetCustomStatus(new { step = "done", orderNumber = input.OrderNumber, invoiceId = result.InvoiceId });
        return result;
    }
}
