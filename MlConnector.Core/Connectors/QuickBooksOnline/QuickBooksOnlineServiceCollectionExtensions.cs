using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Registers the QuickBooks Online connector.</summary>
public static class QuickBooksOnlineServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IQuickBooksOnlineClient"/> as a typed <see cref="HttpClient"/> with, in order: the connector
    /// resilience handler (<c>Resilience:qbo</c>), <see cref="QuickBooksOnlineAuthHandler"/> and
    /// <see cref="RateGovernorHandler"/> (the <c>qbo</c> policy: 500/min, 10/s, 10 concurrent per realm). Also adds the
    /// validated <see cref="QuickBooksOnlineOptions"/> (section <c>Connectors:QuickBooksOnline</c>) and the
    /// <see cref="QuickBooksOnlineErrorClassifier"/>. Needs <c>IConnectionStore</c> and <c>IOAuthTokenManager</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The client's builder, to add handlers in tests or hosts.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    public static IHttpClientBuilder AddQuickBooksOnlineConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<QuickBooksOnlineOptions>().BindConfiguration(QuickBooksOnlineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddConnectorResilienceCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVendorErrorClassifier, QuickBooksOnlineErrorClassifier>());
        services.TryAddTransient<QuickBooksOnlineAuthHandler>();
        return services.AddHttpClient<IQuickBooksOnlineClient, QuickBooksOnlineClient>()
            .AddConnectorResilience(QuickBooksOnlineErrorClassifier.ConnectorCode)
            .AddHttpMessageHandler<QuickBooksOnlineAuthHandler>()
            .AddHttpMessageHandler<RateGovernorHandler>();
    }
}
