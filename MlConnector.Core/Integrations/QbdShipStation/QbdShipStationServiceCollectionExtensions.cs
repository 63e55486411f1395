using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Health;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Registers the QuickBooks Desktop ↔ ShipStation integration.</summary>
public static class QbdShipStationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the QuickBooks Desktop connector (Web Connector endpoint, outbox), the integration's stores, dispatcher, webhook
    /// handler (<see cref="QbdShipStationEventHandler"/> on the ShipStation intake), poll and inventory jobs (<c>Schedules:QbdShipStationPoll</c>, <c>Schedules:QbdInventoryReconcile</c>), its
    /// workflows and activities, the operator API and the <c>qbwc</c> health check.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddQbdShipStationIntegration(this IServiceCollection services)
    {
        services.AddQuickBooksDesktopConnector();
        services.TryAddSingleton<QbdOrderStore>();
        services.TryAddSingleton<QbdInventoryStore>();
        services.TryAddSingleton<QbdShipStationDispatcher>();
        services.AddShipStationEventHandler<QbdShipStationEventHandler>();
        services.TryAddSingleton<QbdShipStationPoller>();
        services.TryAddSingleton<QbdShipStationApi>();
        services.TryAddSingleton<QbdShipStationPollJob>();
        services.AddScheduledJob<QbdShipStationPollJob>();
        services.TryAddSingleton<QbdInventoryReconcileJob>();
        services.AddScheduledJob<QbdInventoryReconcileJob>();
        services.TryAddSingleton<QbdWebConnectorHealthContributor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionHealthContributor, QbdWebConnectorHealthContributor>(sp => sp.GetRequiredService<QbdWebConnectorHealthContributor>()));
        services.AddHealthChecks().AddCheck<QbdWebConnectorHealthCheck>(QbdWebConnectorHealthCheck.Name, failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(10));
        services.AddWorkflow<QbdShipStationNotificationWorkflow>()
            .AddWorkflow<QbdOrderValidationWorkflow>()
            .AddWorkflow<QbdShipmentToQbdWorkflow>()
            .AddWorkflow<QbdInventoryReconcileWorkflow>()
            .AddWorkflow<QbdOrderChangeWorkflow>()
            .AddWorkflowActivity<QbdShipStationFetchNotificationActivity>()
            .AddWorkflowActivity<QbdQueueListQueriesActivity>()
            .AddWorkflowActivity<QbdCheckOrdersActivity>()
            .AddWorkflowActivity<QbdReadOrderActivity>()
            .AddWorkflowActivity<QbdQueueTxnQueryActivity>()
            .AddWorkflowActivity<QbdReadTxnAnswerActivity>()
            .AddWorkflowActivity<QbdQueueTxnAddActivity>()
            .AddWorkflowActivity<QbdQueueInvoiceModActivity>()
            .AddWorkflowActivity<QbdQueueOrderCorrectionActivity>()
            .AddWorkflowActivity<QbdQueueTxnVoidActivity>()
            .AddWorkflowActivity<QbdRecordPostingActivity>()
            .AddWorkflowActivity<QbdQueueInventoryQueryActivity>()
            .AddWorkflowActivity<QbdReconcileInventoryActivity>();
        return services;
    }
}
