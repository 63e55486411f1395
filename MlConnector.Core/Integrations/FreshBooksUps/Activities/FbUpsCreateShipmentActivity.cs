using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Activities;

/// <summary>freshbooks-ups's name for the shared shipment creation (<see cref="UpsShippingSteps.CreateShipmentAsync"/>): once per invoice (ledger, then package rows), labels to blob storage.</summary>
/// <param name="steps">The shared UPS shipping steps.</param>
[TargetWrite]
public sealed class FbUpsCreateShipmentActivity(UpsShippingSteps steps) : IWorkflowActivity<UpsShipmentPlan, ShipmentCreated>
{
    /// <inheritdoc />
    public string Name => nameof(FbUpsCreateShipmentActivity);

    /// <inheritdoc />
    public Task<ShipmentCreated> RunAsync(WorkflowActivityContext context, UpsShipmentPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return steps.CreateShipmentAsync(context.InstanceId, input, cancellationToken);
    }
}
