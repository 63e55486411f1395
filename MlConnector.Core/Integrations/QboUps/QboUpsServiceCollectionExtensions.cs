using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>Registers the QBO ↔ UPS integration.</summary>
public static class QboUpsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integration: its QBO change handler (PurchaseOrder → workflow), both workflows and their activities, the
    /// shipment store, the Track Alert subscriber and callback endpoint, and the renewal and tracking-poll jobs.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddQboUpsIntegration(this IServiceCollection services)
    {
        services.TryAddSingleton<UpsShipmentStore>();
        services.TryAddSingleton<TrackAlertSubscriber>();
        services.TryAddSingleton<TrackingDispatcher>();
        services.AddWebhookDeliveryHandler<UpsTrackAlertWebhookApi>();
        // One handler per integration kind: a host (a test, say) that registered its own qbo-ups handler instance keeps it.
        if (!services.Any(d => d.ServiceType == typeof(IQboChangeHandler) && d.ImplementationInstance is IQboChangeHandler { IntegrationKind: Connections.IntegrationKinds.QboUps }))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IQboChangeHandler, QboUpsChangeHandler>());
        }

        services.TryAddSingleton<QboUpsTrackAlertRenewalJob>();
        services.AddScheduledJob<QboUpsTrackAlertRenewalJob>();
        services.TryAddSingleton<QboUpsTrackingPollJob>();
        services.AddScheduledJob<QboUpsTrackingPollJob>();
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
