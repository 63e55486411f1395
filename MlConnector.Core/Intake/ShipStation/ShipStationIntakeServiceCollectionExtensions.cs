using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MlConnector.Core.Intake.ShipStation;

/// <summary>Registers the ShipStation webhook intake and the integrations' event handlers.</summary>
public static class ShipStationIntakeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ShipStationWebhookApi"/> (as the intake's <c>shipstation</c> delivery handler) and
    /// <see cref="ShipStationWebhookRegistration"/>. Integrations plug in with <see cref="AddShipStationEventHandler{T}"/>.
    /// Needs <c>AddWebhookIntake</c> and the ShipStation connector.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddShipStationIntake(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWebhookDeliveryHandler<ShipStationWebhookApi>();
        services.TryAddSingleton<ShipStationWebhookRegistration>();
        services.TryAddSingleton<ShipStationSigningKeyCache>();
        return services;
    }

    /// <summary>Adds an integration's ShipStation event handler (a singleton, one per integration kind).</summary>
    /// <typeparam name="T">The handler.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddShipStationEventHandler<T>(this IServiceCollection services)
        where T : class, IShipStationEventHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IShipStationEventHandler, T>());
        return services;
    }
}
