using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Core.Intake.Ups;

/// <summary>Registers the UPS Track Alert intake.</summary>
public static class UpsIntakeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Track Alert callback endpoint (<see cref="UpsTrackAlertWebhookApi"/>) as the intake's <c>ups-trackalert</c>
    /// delivery handler, with the shared UPS shipping piece it routes to. Safe to call from every integration that ships.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddUpsTrackAlertIntake(this IServiceCollection services)
    {
        services.AddUpsShipping();
        if (!services.Any(d => d.ServiceType == typeof(UpsTrackAlertWebhookApi)))
        {
            services.AddWebhookDeliveryHandler<UpsTrackAlertWebhookApi>();
        }

        return services;
    }
}
