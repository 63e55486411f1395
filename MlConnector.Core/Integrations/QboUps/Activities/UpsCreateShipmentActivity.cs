using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>
/// qbo-ups's name for the shared exactly-once UPS shipment create (<see cref="UpsShippingSteps.CreateShipmentAsync"/>):
/// one shipment per purchase order under retries, redeliveries and replays; labels to blob storage.
/// </summary>
/// <param name="steps">The shared UPS shipping steps.</param>
[TargetWrite]
public sealed class UpsCreateShipmentActivity(UpsShippingSteps steps) : IWorkflowActivity<RatedPlan, ShipmentCreated>
{
    /// <inheritdoc />
    public string Name => nameof(UpsCreateShipmentActivity);

    /// <inheritdoc />
    public Task<ShipmentCreated> RunAsync(WorkflowActivityContext context, RatedPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return steps.CreateShipmentAsync(context.InstanceId, input.Plan.ToUpsPlan(), cancellationToken);
    }
}
