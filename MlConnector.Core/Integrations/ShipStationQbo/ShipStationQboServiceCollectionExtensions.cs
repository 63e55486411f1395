using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>Registers the ShipStation → QBO integration.</summary>
public static class ShipStationQboServiceCollectionExtensions
{
    /// <summary>Adds the integration's workflows, activities, ShipStation event handler, reconciler and reconciliation job.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddShipStationQboIntegration(this IServiceCollection services)
    {
        services.TryAddSingleton<ShipStationSnapshotStore>();
        services.TryAddSingleton<ShipStationQboCustomerResolver>();
        services.TryAddSingleton<ShipStationQboCustomerGate>();
        services.TryAddSingleton<ShipStationQboOrderBatchSync>();
        services.TryAddSingleton<ShipStationQboShipmentBatchSync>();
        services.TryAddSingleton<ShipStationDispatcher>();
        services.AddShipStationEventHandler<ShipStationQboEventHandler>();
        services.TryAddSingleton<ShipStationQboReconciler>();
        services.TryAddSingleton<ShipStationQboBackfill>();
        services.TryAddSingleton<ShipStationQboBackfillApi>();
        services.AddScheduledJob<ShipStationQboReconcileJob>();
        services.TryAddSingleton<ShipStationQboMappingPoller>();
        services.TryAddSingleton<ShipStationQboMappingPollJob>();
        services.AddScheduledJob<ShipStationQboMappingPollJob>();
        services.AddWorkflow<ShipStationNotificationWorkflow>()
            .AddWorkflow<ShipStationOrderToQboInvoiceWorkflow>()
            .AddWorkflow<ShipStationShipmentToQboInvoiceWorkflow>()
            .AddWorkflow<ShipStationOrderChunkToQboWorkflow>()
            .AddWorkflow<ShipStationQboBackfillWorkflow>()
            .AddWorkflow<ShipStationShipmentChunkToQboWorkflow>()
            .AddWorkflowActivity<ShipStationFetchNotificationActivity>()
            .AddWorkflowActivity<QboCheckOrderActivity>()
            .AddWorkflowActivity<QboEnsureCustomerActivity>()
            .AddWorkflowActivity<QboCreateInvoiceActivity>()
            .AddWorkflowActivity<QboApplyShipmentActivity>()
            .AddWorkflowActivity<QboSyncOrderChunkActivity>()
            .AddWorkflowActivity<QboApplyShipmentChunkActivity>()
            .AddWorkflowActivity<ShipStationBackfillPageActivity>();
        return services;
    }
}
