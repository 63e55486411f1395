using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Intake.Ups;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>Registers the QBO ↔ UPS integration.</summary>
public static class QboUpsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integration: its QBO change handler (PurchaseOrder → workflow), its UPS tracking handler (package status →
    /// "UPS tracking → QBO bill"), both workflows and their activities (the UPS steps are thin, qbo-ups-named activities over
    /// the shared <see cref="UpsShippingSteps"/>), and the shared UPS shipping piece with the Track Alert intake.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddQboUpsIntegration(this IServiceCollection services)
    {
        services.AddUpsTrackAlertIntake();
        services.AddUpsTrackingWorkflow<UpsTrackingToQboBillWorkflow>(Connections.IntegrationKinds.QboUps);
        // One handler per integration kind: a host (a test, say) that registered its own qbo-ups handler instance keeps it.
        if (!services.Any(d => d.ServiceType == typeof(IQboChangeHandler) && d.ImplementationInstance is IQboChangeHandler { IntegrationKind: Connections.IntegrationKinds.QboUps }))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IQboChangeHandler, QboUpsChangeHandler>());
        }

        services.AddWorkflow<QboPurchaseOrderToUpsShipmentWorkflow>()
            .AddWorkflow<UpsTrackingToQboBillWorkflow>()
            .AddWorkflowActivity<QboReadPurchaseOrderActivity>()
            .AddWorkflowActivity<UpsValidateAddressActivity>()
            .AddWorkflowActivity<UpsRateShipmentActivity>()
            .AddWorkflowActivity<UpsCreateShipmentActivity>()
            .AddWorkflowActivity<QboPostShipmentCostActivity>()
            .AddWorkflowActivity<UpsSubscribeTrackAlertActivity>()
            .AddWorkflowActivity<QboApplyTrackingActivity>();
        return services;
    }
}
