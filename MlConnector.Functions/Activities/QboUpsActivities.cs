using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Activities;

/// <summary>
/// The QBO ↔ UPS integration's activity functions, one per Core activity and named after it. Each runs one attempt
/// through <see cref="WorkflowActivityInvoker"/>, which returns the output or the classified failure the workflow's retry
/// policy decides on. None starts workflows, so none needs the Durable client. Never rename one: in-flight instances
/// call them by name.
/// </summary>
/// <param name="runner">Runs one attempt of a Core activity.</param>
/// <param name="readPurchaseOrder">Core's read of the QBO purchase order into a shipment plan.</param>
/// <param name="validateAddress">Core's UPS ship-to address validation.</param>
/// <param name="rateShipment">Core's UPS rating of the plan.</param>
/// <param name="createShipment">Core's exactly-once UPS shipment create (labels to blob storage).</param>
/// <param name="postShipmentCost">Core's exactly-once QBO bill or journal entry for the shipping cost.</param>
/// <param name="subscribeTrackAlert">Core's Track Alert subscription of the shipment's packages.</param>
/// <param name="applyTracking">Core's write of a package status onto the QBO bill or journal entry.</param>
public sealed class QboUpsActivities(
    WorkflowActivityInvoker runner,
    QboReadPurchaseOrderActivity readPurchaseOrder,
    UpsValidateAddressActivity validateAddress,
    UpsRateShipmentActivity rateShipment,
    UpsCreateShipmentActivity createShipment,
    QboPostShipmentCostActivity postShipmentCost,
    UpsSubscribeTrackAlertActivity subscribeTrackAlert,
    QboApplyTrackingActivity applyTracking)
{
    [Function(nameof(QboReadPurchaseOrderActivity))]
    public Task<WorkflowActivityResult> QboReadPurchaseOrderAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(readPurchaseOrder, request, cancellationToken);

    [Function(nameof(UpsValidateAddressActivity))]
    public Task<WorkflowActivityResult> UpsValidateAddressAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(validateAddress, request, cancellationToken);

    [Function(nameof(UpsRateShipmentActivity))]
    public Task<WorkflowActivityResult> UpsRateShipmentAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(rateShipment, request, cancellationToken);

    [Function(nameof(UpsCreateShipmentActivity))]
    public Task<WorkflowActivityResult> UpsCreateShipmentAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(createShipment, request, cancellationToken);

    [Function(nameof(QboPostShipmentCostActivity))]
    public Task<WorkflowActivityResult> QboPostShipmentCostAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(postShipmentCost, request, cancellationToken);

    [Function(nameof(UpsSubscribeTrackAlertActivity))]
    public Task<WorkflowActivityResult> UpsSubscribeTrackAlertAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(subscribeTrackAlert, request, cancellationToken);

    [Function(nameof(QboApplyTrackingActivity))]
    public Task<WorkflowActivityResult> QboApplyTrackingAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(applyTracking, request, cancellationToken);
}
