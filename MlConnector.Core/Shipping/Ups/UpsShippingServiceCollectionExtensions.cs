using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>Registers the shared UPS shipping piece and the integrations' tracking handlers.</summary>
public static class UpsShippingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the shared UPS shipping piece: the shipment store, the shipping steps, the tracking write-back (one per document at a time), the Track Alert subscriber, the tracking
    /// router, and the renewal, tracking-poll and Quantum View jobs (each sweeping every connection of an integration that ships). Safe to
    /// call from every integration that ships; the UPS connector itself is added by <c>AddUpsConnector</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddUpsShipping(this IServiceCollection services)
    {
        services.TryAddSingleton<UpsShipmentStore>();
        services.TryAddSingleton<UpsShippingSteps>();
        services.TryAddSingleton<UpsTrackingWriteBack>();
        services.TryAddSingleton<TrackAlertSubscriber>();
        services.TryAddSingleton<UpsTrackingRouter>();
        services.TryAddSingleton<UpsTrackAlertRenewalJob>();
        services.AddScheduledJob<UpsTrackAlertRenewalJob>();
        services.TryAddSingleton<UpsTrackingPollJob>();
        services.AddScheduledJob<UpsTrackingPollJob>();
        services.TryAddSingleton<UpsQuantumViewPollJob>();
        services.AddScheduledJob<UpsQuantumViewPollJob>();
        return services;
    }

    /// <summary>
    /// Registers an integration's UPS tracking: the one handler, <see cref="UpsTrackingWorkflowHandler{TWorkflow}"/>, which
    /// starts <typeparamref name="TWorkflow"/> for each status of the kind's packages (one handler per workflow; a second
    /// call is ignored), and the shared piece.
    /// </summary>
    /// <typeparam name="TWorkflow">The kind's tracking workflow (input: <see cref="TrackingUpdate"/>).</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="integrationKind">The integration kind, for example <c>qbo-ups</c>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddUpsTrackingWorkflow<TWorkflow>(this IServiceCollection services, string integrationKind)
        where TWorkflow : class, IWorkflow
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(integrationKind);
        services.AddUpsShipping();
        services.TryAddSingleton(new UpsTrackingWorkflowKind<TWorkflow>(integrationKind));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpsTrackingHandler, UpsTrackingWorkflowHandler<TWorkflow>>());
        return services;
    }
}
