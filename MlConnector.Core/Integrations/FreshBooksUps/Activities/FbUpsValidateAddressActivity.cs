using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Activities;

/// <summary>freshbooks-ups's name for the shared ship-to address validation (<see cref="UpsShippingSteps.ValidateAddressAsync"/>): an ambiguous or unknown address halts the invoice before anything is shipped, with the candidates in the audit row, replayable once corrected in FreshBooks.</summary>
/// <param name="steps">The shared UPS shipping steps.</param>
public sealed class FbUpsValidateAddressActivity(UpsShippingSteps steps) : IWorkflowActivity<UpsShipmentPlan, UpsAddressValidation>
{
    /// <inheritdoc />
    public string Name => nameof(FbUpsValidateAddressActivity);

    /// <inheritdoc />
    public Task<UpsAddressValidation> RunAsync(WorkflowActivityContext context, UpsShipmentPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return steps.ValidateAddressAsync(context.InstanceId, input, cancellationToken);
    }
}
