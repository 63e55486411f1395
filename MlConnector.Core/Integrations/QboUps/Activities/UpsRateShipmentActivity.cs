using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>qbo-ups's name for the shared UPS rate quote (<see cref="UpsShippingSteps.RateAsync"/>), returned with the plan.</summary>
/// <param name="steps">The shared UPS shipping steps.</param>
public sealed class UpsRateShipmentActivity(UpsShippingSteps steps) : IWorkflowActivity<ShipmentPlan, RatedPlan>
{
    /// <inheritdoc />
    public string Name => nameof(UpsRateShipmentActivity);

    /// <inheritdoc />
    public async Task<RatedPlan> RunAsync(WorkflowActivityContext context, ShipmentPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new RatedPlan(input, await steps.RateAsync(context.InstanceId, input.ToUpsPlan(), cancellationToken));
    }
}
