using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Resilience;

/// <summary>Registers the error mapper and the rate governors.</summary>
public static class ResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="HttpErrorMapper"/> and <see cref="RateGovernorRegistry"/> (singletons) and
    /// <see cref="RateGovernorHandler"/> (transient, for <c>AddHttpMessageHandler</c>). Connectors add their
    /// <see cref="IVendorErrorClassifier"/> and <see cref="RateLimitPolicyRegistration"/> as singletons.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddConnectorResilienceCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HttpErrorMapper>();
        services.TryAddSingleton<RateGovernorRegistry>();
        services.TryAddTransient<RateGovernorHandler>();

        // The HTTP client factory's request loggers put every request header, Authorization included, into the
        // structured state of Trace records (RedactLoggedHeaders only covers the formatted message), so no client keeps
        // them; connectors log method, path and status themselves. Idempotent: removing twice is the same as once.
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        return services;
    }
}
