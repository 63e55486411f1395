using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Intake.Ups;
using MlConnector.Core.Integrations.FreshBooksUps.Activities;
using MlConnector.Core.Integrations.FreshBooksUps.Workflows;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>Registers the FreshBooks ↔ UPS integration.</summary>
public static class FreshBooksUpsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integration: its FreshBooks change handler (invoice events → the shipment workflow), its UPS tracking
    /// handler (package status → "UPS tracking → FreshBooks invoice"), the poll fallback job, both workflows and their
    /// activities (the UPS steps are thin, freshbooks-ups-named activities over the shared <see cref="UpsShippingSteps"/>),
    /// the FreshBooks intake and the shared UPS shipping piece with the Track Alert intake.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddFreshBooksUpsIntegration(this IServiceCollection services)
    {
        services.AddFreshBooksIntake();
        services.AddUpsTrackAlertIntake();
        services.AddUpsTrackingWorkflow<UpsTrackingToFreshBooksInvoiceWorkflow>(IntegrationKinds.FreshBooksUps);
        services.AddFreshBooksChangeHandler<FreshBooksUpsChangeHandler>();
        services.TryAddSingleton<FreshBooksUpsDispatcher>();
        services.TryAddSingleton<FreshBooksClientUpsStore>();
        services.TryAddSingleton<FreshBooksTrackingWriter>();
        services.TryAddSingleton<FreshBooksUpsPollJob>();
        services.AddScheduledJob<FreshBooksUpsPollJob>();
        services.AddWorkflow<FreshBooksInvoiceToUpsShipmentWorkflow>()
            .AddWorkflow<UpsTrackingToFreshBooksInvoiceWorkflow>()
            .AddWorkflowActivity<FbReadInvoiceActivity>()
            .AddWorkflowActivity<FbUpsValidateAddressActivity>()
            .AddWorkflowActivity<FbUpsRateShipmentActivity>()
            .AddWorkflowActivity<FbUpsCreateShipmentActivity>()
            .AddWorkflowActivity<FbWriteTrackingActivity>()
            .AddWorkflowActivity<FbUpsSubscribeTrackAlertActivity>()
            .AddWorkflowActivity<FbApplyTrackingActivity>();
        return services;
    }
}
