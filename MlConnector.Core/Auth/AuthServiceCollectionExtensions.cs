using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Auth;

/// <summary>Registers the OAuth token manager.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IOAuthTokenManager"/> (a singleton), its validated <see cref="OAuthOptions"/> (section <c>OAuth</c>)
    /// and the named <see cref="HttpClient"/> <see cref="OAuthTokenManager.HttpClientName"/> for token-endpoint calls.
    /// The client has no retry handler on purpose: a repeated refresh_token grant could spend a rotated refresh token.
    /// Needs <c>ISecretStore</c>, <c>IAuditTrail</c>, <c>TableProvider</c> and a <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddOAuthTokenManagement(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(OAuthTokenManager.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<OAuthOptions>>().Value.TokenRequestTimeout);
        services.TryAddSingleton<IOAuthTokenManager, OAuthTokenManager>();
        return services;
    }
}
