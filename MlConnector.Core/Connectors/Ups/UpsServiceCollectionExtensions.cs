using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>Registers the UPS connector.</summary>
public static class UpsServiceCollectionExtensions
{
    /// <summary>The header that carries the shipper number on token requests (OAuthClientCredentials.yaml).</summary>
    public const string MerchantIdHeader = "x-merchant-id";

    /// <summary>The UPS OAuth token endpoint (production; CIE is <c>https://wwwcie.ups.com/security/v1/oauth/token</c>), OAuthClientCredentials.yaml.</summary>
    public static readonly Uri TokenEndpoint = new("https://onlinetools.ups.com/security/v1/oauth/token");

    /// <summary>
    /// Adds <see cref="IUpsClient"/> as a typed <see cref="HttpClient"/> with, in order: the connector resilience handler
    /// (<c>Resilience:ups</c>), <see cref="UpsAuthHandler"/> and <see cref="RateGovernorHandler"/>. Also adds the validated
    /// <see cref="UpsOptions"/> (section <c>Connectors:Ups</c>), the <see cref="UpsErrorClassifier"/>, the <c>ups</c> rate
    /// policy (<see cref="UpsOptions.MaxConcurrency"/> in flight per connection, no rate window: UPS publishes no limits,
    /// PROTOCOL-NOTES §1; a 429 still pauses the connection), and the defaults of the <c>ups</c> OAuth provider when
    /// <c>OAuth:Providers:ups</c> is configured (its <c>ClientId</c> and <c>ClientSecretName</c> are the deployment's):
    /// <c>TokenEndpoint</c> <see cref="TokenEndpoint"/>, <c>MerchantIdHeader</c> <see cref="MerchantIdHeader"/>; the daily
    /// token-request quota defaults to 250 per account (<see cref="OAuthProviderOptions.DailyTokenRequestQuota"/>).
    /// Needs <c>IConnectionStore</c>, <c>ISecretStore</c> and <c>IOAuthTokenManager</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The client's builder, to add handlers in tests or hosts.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    public static IHttpClientBuilder AddUpsConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<UpsOptions>().BindConfiguration(UpsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.PostConfigure<OAuthOptions>(o =>
        {
            if (o.Providers.TryGetValue(UpsAuthHandler.Provider, out var ups) && ups is not null)
            {
                ups.TokenEndpoint ??= TokenEndpoint;
                ups.MerchantIdHeader ??= MerchantIdHeader;
            }
        });
        services.AddConnectorResilienceCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVendorErrorClassifier, UpsErrorClassifier>());
        services.AddSingleton(sp => new RateLimitPolicyRegistration(UpsClient.Connector, new RateLimitPolicy(sp.GetRequiredService<IOptions<UpsOptions>>().Value.MaxConcurrency)));
        services.TryAddTransient<UpsAuthHandler>();
        return services.AddHttpClient<IUpsClient, UpsClient>()
            .AddConnectorResilience(UpsClient.Connector, o =>
            {
                // A 429 (UPS code 10429 "Too Many Requests", PROTOCOL-NOTES §UPS; OAuthClientCredentials.yaml) refuses the
                // request before it is processed (RFC 6585 §4), so a ship POST refused with it is resent here after its
                // Retry-After instead of failing the activity into the workflow's retry (10 s doubling: 40–160 s waits were
                // measured for 1-second Retry-Afters in the chaos run, docs/reliability.md). 5xx and timeouts of a POST
                // still are not resent: UPS may have shipped.
                o.RetryUnsafeOnThrottle = true;
            })
            .AddHttpMessageHandler<UpsAuthHandler>()
            .AddHttpMessageHandler<RateGovernorHandler>();
    }
}
