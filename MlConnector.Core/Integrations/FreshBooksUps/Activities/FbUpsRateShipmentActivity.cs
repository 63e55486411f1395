using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Activities;

/// <summary>freshbooks-ups's name for the shared rate quote (<see cref="UpsShippingSteps.RateAsync"/>) of the invoice's service.</summary>
/// <param name="steps">The shared UPS shipping steps.</param>
public sealed class FbUpsRateShipmentActivity(UpsShippingSteps steps) : IWorkflowActivity<UpsShipmentPlan, UpsRateQuote>
{
    /// <inheritdoc />
    public string Name => nameof(FbUpsRateShipmentActivity);

    /// <inheritdoc />
    public Task<UpsRateQuote> RunAsync(WorkflowActivityContext context, UpsShipmentPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return steps.RateAsync(context.InstanceId, input, cancellationToken);
    }
}
