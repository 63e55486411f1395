using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.QboSps.Activities;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>Registers the QBO ↔ SPS Commerce integration.</summary>
public static class QboSpsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the inbound half (the document archive, the 850 importer, <see cref="SpsOrderToQboWorkflow"/> with its two
    /// activities and the <see cref="QboSpsOrderPollJob"/> schedule) and the outbound 810 (the <see cref="QboSpsChangeHandler"/>
    /// for QBO Invoice changes, <see cref="QboInvoiceToSpsWorkflow"/> and its activity), the outbound 856
    /// (<see cref="QboShipNoticeToSpsWorkflow"/> and its activity), trading-partner rejections found by the poll
    /// (<see cref="SpsPartnerRejectionWorkflow"/> and its activity) and the scheduled crosswalk check
    /// (<see cref="QboSpsCrosswalkJob"/>). Needs the SPS and QBO connectors.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddQboSpsIntegration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SpsDocumentArchive>();
        services.TryAddSingleton<SpsOrderImporter>();
        services.TryAddSingleton<QboSpsInvoiceLinkResolver>();
        services.TryAddSingleton<SpsDocumentSender>();
        services.TryAddSingleton<SpsInvoiceSender>();
        services.TryAddSingleton<SpsDocumentUploader>();
        services.TryAddSingleton<SpsShipNoticeSender>();
        services.TryAddSingleton<SpsPartnerRejectionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQboChangeHandler, QboSpsChangeHandler>());
        services.TryAddSingleton<QboSpsOrderPollJob>();
        services.AddScheduledJob<QboSpsOrderPollJob>();
        services.TryAddSingleton<QboSpsCrosswalkCheck>();
        services.TryAddSingleton<QboSpsCrosswalkJob>();
        services.AddScheduledJob<QboSpsCrosswalkJob>();
        services.AddWorkflow<SpsOrderToQboWorkflow>()
            .AddWorkflowActivity<SpsImportOrderActivity>()
            .AddWorkflowActivity<SpsAcknowledgeDocumentActivity>()
            .AddWorkflow<QboInvoiceToSpsWorkflow>()
            .AddWorkflowActivity<SpsSendInvoiceActivity>()
            .AddWorkflow<QboShipNoticeToSpsWorkflow>()
            .AddWorkflowActivity<SpsSendShipNoticeActivity>()
            .AddWorkflow<SpsPartnerRejectionWorkflow>()
            .AddWorkflowActivity<SpsHandlePartnerRejectionActivity>();
        return services;
    }
}
