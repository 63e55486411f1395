using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>Registers the ShipStation connector.</summary>
public static class ShipStationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IShipStationClient"/> (typed <see cref="HttpClient"/> <see cref="ShipStationClient"/>), its validated
    /// <see cref="ShipStationOptions"/> (section <c>Connectors:ShipStation</c>), <see cref="ShipStationV2WebhookVerifier"/>,
    /// the V2 error-body classifier and the connector's two rate policies: <c>shipstation</c> →
    /// <see cref="ShipStationRatePolicies.V1"/> (40/min per connection) and <c>shipstation-v2</c> →
    /// <see cref="ShipStationRatePolicies.V2"/> (200/min). The client's pipeline is: connector resilience
    /// (<c>Resilience:shipstation</c>), then <see cref="ShipStationAuthHandler"/> (Basic or <c>api-key</c> from the secret
    /// store), then the <see cref="RateGovernorHandler"/>. Successful calls are logged by <see cref="ConnectorHttp"/>; the
    /// HTTP client factory's header-logging loggers are removed for every client by <c>AddConnectorResilienceCore</c>.
    /// Needs <c>IConnectionStore</c> and <c>ISecretStore</c>.
    /// </summary>
    /// <remarks>
    /// The attempt timeout defaults to 2 minutes (total 5 minutes) instead of the connector default, because a V1 call
    /// may first wait up to a whole 60-second window for the key's 40-requests-per-minute budget.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>The client builder, for further configuration.</returns>
    public static IHttpClientBuilder AddShipStationConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ShipStationOptions>().BindConfiguration(ShipStationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddConnectorResilienceCore();
        services.TryAddSingleton<ShipStationV2WebhookVerifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVendorErrorClassifier, ShipStationErrorClassifier>());
        services.AddSingleton(new RateLimitPolicyRegistration(ShipStationClient.Connector, ShipStationRatePolicies.V1));
        services.AddSingleton(new RateLimitPolicyRegistration(ShipStationClient.V2Connector, ShipStationRatePolicies.V2));
        services.TryAddTransient<ShipStationAuthHandler>();
        return services.AddHttpClient<IShipStationClient, ShipStationClient>()
            .AddConnectorResilience(ShipStationClient.Connector, o =>
            {
                o.AttemptTimeout = TimeSpan.FromMinutes(2);
                o.TotalTimeout = TimeSpan.FromMinutes(5);
            })
            .AddHttpMessageHandler<ShipStationAuthHandler>()
            .AddHttpMessageHandler<RateGovernorHandler>();
    }
}
