using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>Registers the shared UPS shipping piece and the integrations' tracking handlers.</summary>
public static class UpsShippingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the shared UPS shipping piece: the shipment store, the shipping steps, the Track Alert subscriber, the tracking
    /// router, and the renewal, tracking-poll and Quantum View jobs (each sweeping every connection of an integration that ships). Safe to
    /// call from every integration that ships; the UPS connector itself is added by <c>AddUpsConnector</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddUpsShipping(this IServiceCollection services)
    {
        services.TryAddSingleton<UpsShipmentStore>();
        services.TryAddSingleton<UpsShippingSteps>();
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

    /// <summary>Registers an integration's <see cref="IUpsTrackingHandler"/> (one per integration kind) and the shared piece.</summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddUpsTrackingHandler<THandler>(this IServiceCollection services)
        where THandler : class, IUpsTrackingHandler
    {
        services.AddUpsShipping();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpsTrackingHandler, THandler>());
        return services;
    }
}
