using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>Registers the SPS Commerce connector.</summary>
public static class SpsCommerceServiceCollectionExtensions
{
    /// <summary>The audience SPS requires from 2026-07-01 (it replaces <c>api://api.spscommerce.com/</c>; PROTOCOL-NOTES §6).</summary>
    public const string DefaultAudience = "https://spscommerce.com";

    /// <summary>SPS's Auth0 token endpoint for the client_credentials grant (PROTOCOL-NOTES §6).</summary>
    public static readonly Uri TokenEndpoint = new("https://auth.spscommerce.com/oauth/token");

    /// <summary>
    /// Adds <see cref="ISpsCommerceClient"/> as a typed <see cref="HttpClient"/> with, in order: the connector resilience
    /// handler (<c>Resilience:sps</c>; defaults: 4 retries, 1 s base, 30 s cap, full jitter, a 429 to an upload retried
    /// because SPS refused it unprocessed), <see cref="SpsCommerceAuthHandler"/> and <see cref="RateGovernorHandler"/>.
    /// Also adds the validated <see cref="SpsCommerceOptions"/> (section <c>Connectors:SpsCommerce</c>), the
    /// <see cref="SpsCommerceErrorClassifier"/>, the <c>sps</c> rate policy (<see cref="SpsCommerceOptions.MaxConcurrency"/>
    /// in flight per connection, paused <see cref="SpsCommerceOptions.ThrottlePause"/> after a 429) and, when <c>OAuth:Providers:sps</c> is configured (its <c>ClientId</c> and
    /// <c>ClientSecretName</c> are the deployment's), the defaults <c>TokenEndpoint</c> <see cref="TokenEndpoint"/>,
    /// <c>Audience</c> <see cref="DefaultAudience"/> and a JSON token request (<see cref="OAuthClientAuthStyle.Json"/>).
    /// Also adds the RSX <see cref="RsxSchemaValidator"/> and <see cref="RsxDocumentCodec"/> (singletons).
    /// Needs <c>IConnectionStore</c> and <c>IOAuthTokenManager</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The client's builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    public static IHttpClientBuilder AddSpsCommerceConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SpsCommerceOptions>().BindConfiguration(SpsCommerceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.PostConfigure<OAuthOptions>(o =>
        {
            if (o.Providers.TryGetValue(SpsCommerceAuthHandler.Provider, out var sps) && sps is not null)
            {
                sps.TokenEndpoint ??= TokenEndpoint;
                sps.Audience ??= DefaultAudience;
                sps.AuthStyle = OAuthClientAuthStyle.Json; // Auth0 takes the grant as a JSON body.
            }
        });
        services.AddConnectorResilienceCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVendorErrorClassifier, SpsCommerceErrorClassifier>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SpsCommerceOptions>>().Value;
            return new RateLimitPolicyRegistration(SpsCommerceClient.Connector, new RateLimitPolicy(options.MaxConcurrency) { ThrottlePause = options.ThrottlePause });
        });
        services.TryAddSingleton<RsxSchemaValidator>();
        services.TryAddSingleton<RsxDocumentCodec>();
        services.TryAddTransient<SpsCommerceAuthHandler>();
        return services.AddHttpClient<ISpsCommerceClient, SpsCommerceClient>()
            .AddConnectorResilience(SpsCommerceClient.Connector, o =>
            {
                o.MaxRetryAttempts = 4;
                o.FullJitter = true;
                o.RetryUnsafeOnThrottle = true;
            })
            .AddHttpMessageHandler<SpsCommerceAuthHandler>()
            .AddHttpMessageHandler<RateGovernorHandler>();
    }
}
