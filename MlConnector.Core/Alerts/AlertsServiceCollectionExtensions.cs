using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Alerts;

/// <summary>Registers the alert rules, their incident store, delivery and the <c>AlertEvaluation</c> schedule.</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>Adds alerts (options from <see cref="AlertOptions.SectionName"/>).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<AlertNotifier>(client => client.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<AlertIncidentStore>();
        services.TryAddSingleton<AlertEvaluator>();
        services.TryAddSingleton<AlertEvaluationJob>();
        services.AddScheduledJob<AlertEvaluationJob>();
        return services;
    }
}
