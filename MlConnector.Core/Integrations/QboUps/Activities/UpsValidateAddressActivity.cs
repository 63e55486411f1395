using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>
/// qbo-ups's name for the shared ship-to address validation (<see cref="UpsShippingSteps.ValidateAddressAsync"/>): an
/// ambiguous or unknown ShipAddr halts the purchase order before anything is posted, replayable once corrected in QBO.
/// </summary>
/// <param name="steps">The shared UPS shipping steps.</param>
public sealed class UpsValidateAddressActivity(UpsShippingSteps steps) : IWorkflowActivity<ShipmentPlan, UpsAddressValidation>
{
    /// <inheritdoc />
    public string Name => nameof(UpsValidateAddressActivity);

    /// <inheritdoc />
    public Task<UpsAddressValidation> RunAsync(WorkflowActivityContext context, ShipmentPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return steps.ValidateAddressAsync(context.InstanceId, input.ToUpsPlan(), cancellationToken);
    }
}
