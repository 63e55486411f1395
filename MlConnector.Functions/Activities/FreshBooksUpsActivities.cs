using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Integrations.FreshBooksUps.Activities;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Activities;

/// <summary>
/// The FreshBooks ↔ UPS integration's activity functions, one per Core activity and named after it (the UPS steps under
/// freshbooks-ups's own names over the shared UPS shipping piece). Each runs one attempt through
/// <see cref="WorkflowActivityInvoker"/>. None starts workflows, so none needs the Durable client. Never rename one:
/// in-flight instances call them by name.
/// </summary>
/// <param name="runner">Runs one attempt of a Core activity.</param>
/// <param name="readInvoice">Core's read of the FreshBooks invoice and client into a shipment plan.</param>
/// <param name="validateAddress">Core's UPS ship-to address validation.</param>
/// <param name="rateShipment">Core's UPS rating of the plan.</param>
/// <param name="createShipment">Core's exactly-once UPS shipment create (labels to blob storage).</param>
/// <param name="writeTracking">Core's write of the tracking number into the invoice.</param>
/// <param name="subscribeTrackAlert">Core's Track Alert subscription of the shipment's packages.</param>
/// <param name="applyTracking">Core's write of a package status into the invoice.</param>
public sealed class FreshBooksUpsActivities(
    WorkflowActivityInvoker runner,
    FbReadInvoiceActivity readInvoice,
    FbUpsValidateAddressActivity validateAddress,
    FbUpsRateShipmentActivity rateShipment,
    FbUpsCreateShipmentActivity createShipment,
    FbWriteTrackingActivity writeTracking,
    FbUpsSubscribeTrackAlertActivity subscribeTrackAlert,
    FbApplyTrackingActivity applyTracking)
{
    [Function(nameof(FbReadInvoiceActivity))]
    public Task<WorkflowActivityResult> FbReadInvoiceAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(readInvoice, request, cancellationToken);

    [Function(nameof(FbUpsValidateAddressActivity))]
    public Task<WorkflowActivityResult> FbUpsValidateAddressAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(validateAddress, request, cancellationToken);

    [Function(nameof(FbUpsRateShipmentActivity))]
    public Task<WorkflowActivityResult> FbUpsRateShipmentAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(rateShipment, request, cancellationToken);

    [Function(nameof(FbUpsCreateShipmentActivity))]
    public Task<WorkflowActivityResult> FbUpsCreateShipmentAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(createShipment, request, cancellationToken);

    [Function(nameof(FbWriteTrackingActivity))]
    public Task<WorkflowActivityResult> FbWriteTrackingAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(writeTracking, request, cancellationToken);

    [Function(nameof(FbUpsSubscribeTrackAlertActivity))]
    public Task<WorkflowActivityResult> FbUpsSubscribeTrackAlertAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(subscribeTrackAlert, request, cancellationToken);

    [Function(nameof(FbApplyTrackingActivity))]
    public Task<WorkflowActivityResult> FbApplyTrackingAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(applyTracking, request, cancellationToken);
}
