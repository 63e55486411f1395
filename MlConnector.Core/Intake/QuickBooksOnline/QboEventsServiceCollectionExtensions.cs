using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake;

namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>Registers the QuickBooks Online webhook intake and CDC reconciliation.</summary>
public static class QboEventsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the validated <see cref="QboEventsOptions"/> (section <c>QboEvents</c>), <see cref="QboChangeDispatcher"/>,
    /// <see cref="QboWebhookApi"/>, <see cref="QboChangeReconciler"/> and the scheduled <see cref="QboChangeReconcileJob"/>.
    /// Integrations plug in by registering an <see cref="IQboChangeHandler"/> (<c>services.AddSingleton&lt;IQboChangeHandler, MyHandler&gt;()</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddQboEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<QboEventsOptions>().BindConfiguration(QboEventsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<QboChangeDispatcher>();
        services.AddWebhookDeliveryHandler<QboWebhookApi>();
        services.TryAddSingleton<QboChangeReconciler>();
        services.TryAddSingleton<QboChangeReconcileJob>();
        services.AddScheduledJob<QboChangeReconcileJob>();
        return services;
    }
}
