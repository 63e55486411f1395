using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>Registers the FreshBooks connector.</summary>
public static class FreshBooksServiceCollectionExtensions
{
    /// <summary>FreshBooks' authorize endpoint (PROTOCOL-NOTES §4: redirect must be HTTPS without a query string; use <c>state</c>).</summary>
    public static readonly Uri AuthorizeEndpoint = new("https://auth.freshbooks.com/oauth/authorize/");

    /// <summary>FreshBooks' token endpoint for the authorization_code and refresh_token grants (PROTOCOL-NOTES §4).</summary>
    public static readonly Uri TokenEndpoint = new("https://api.freshbooks.com/auth/oauth/token");

    /// <summary>
    /// Adds <see cref="IFreshBooksClient"/> as a typed <see cref="HttpClient"/> with, in order: the connector resilience
    /// handler (<c>Resilience:freshbooks</c>), <see cref="FreshBooksAuthHandler"/> and <see cref="RateGovernorHandler"/>. Also
    /// adds the validated <see cref="FreshBooksOptions"/> (section <c>Connectors:FreshBooks</c>), the
    /// <see cref="FreshBooksErrorClassifier"/>, the <c>freshbooks</c> rate policy (<see cref="FreshBooksOptions.MaxConcurrency"/>
    /// in flight per connection; FreshBooks publishes no limits) and, when <c>OAuth:Providers:freshbooks</c> is configured
    /// (its <c>ClientId</c>, <c>ClientSecretName</c> and <c>RedirectUri</c> are the deployment's), the defaults
    /// <c>AuthorizeEndpoint</c> <see cref="AuthorizeEndpoint"/>, <c>TokenEndpoint</c> <see cref="TokenEndpoint"/> and
    /// client authentication in the form body (<see cref="OAuthClientAuthStyle.Post"/>, FreshBooks' only way), and the
    /// <see cref="FreshBooksConsentRecorder"/> the OAuth callback runs after consent. Needs <c>IConnectionStore</c> and
    /// <c>IOAuthTokenManager</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The client's builder, to add handlers in tests or hosts.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    public static IHttpClientBuilder AddFreshBooksConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FreshBooksOptions>().BindConfiguration(FreshBooksOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.PostConfigure<OAuthOptions>(o =>
        {
            if (o.Providers.TryGetValue(FreshBooksAuthHandler.Provider, out var freshBooks) && freshBooks is not null)
            {
                freshBooks.AuthorizeEndpoint ??= AuthorizeEndpoint;
                freshBooks.TokenEndpoint ??= TokenEndpoint;
                freshBooks.AuthStyle = OAuthClientAuthStyle.Post; // FreshBooks takes client_id and client_secret in the form body.
            }
        });
        services.AddConnectorResilienceCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVendorErrorClassifier, FreshBooksErrorClassifier>());
        services.AddSingleton(sp => new RateLimitPolicyRegistration(FreshBooksClient.Connector, new RateLimitPolicy(sp.GetRequiredService<IOptions<FreshBooksOptions>>().Value.MaxConcurrency)));
        services.TryAddTransient<FreshBooksAuthHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOAuthConsentRecorder, FreshBooksConsentRecorder>());
        return services.AddHttpClient<IFreshBooksClient, FreshBooksClient>()
            .AddConnectorResilience(FreshBooksClient.Connector)
            .AddHttpMessageHandler<FreshBooksAuthHandler>()
            .AddHttpMessageHandler<RateGovernorHandler>();
    }
}
