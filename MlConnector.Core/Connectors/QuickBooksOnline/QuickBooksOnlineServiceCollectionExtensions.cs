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
    /// <see cref="RateGovernorHandler"/>. Also adds the validated <see cref="QuickBooksOnlineOptions"/> (section
    /// <c>Connectors:QuickBooksOnline</c>), the <see cref="QuickBooksOnlineErrorClassifier"/> and the connector's two rate
    /// policies: <c>qbo</c> → <see cref="QuickBooksOnlineRatePolicies.Requests"/> (450/min, 8/s, 8 concurrent per realm,
    /// under Intuit's 500/min, 10/s, 10 concurrent) and <c>qbo-batch</c> → <see cref="QuickBooksOnlineRatePolicies.Batch"/>
    /// (38 batch requests/min per realm, under Intuit's 40). Needs <c>IConnectionStore</c> and <c>IOAuthTokenManager</c>.
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
        services.AddSingleton(new RateLimitPolicyRegistration(QuickBooksOnlineClient.Connector, QuickBooksOnlineRatePolicies.Requests));
        services.AddSingleton(new RateLimitPolicyRegistration(QuickBooksOnlineClient.BatchBudget, QuickBooksOnlineRatePolicies.Batch));
        services.TryAddTransient<QuickBooksOnlineAuthHandler>();
        return services.AddHttpClient<IQuickBooksOnlineClient, QuickBooksOnlineClient>()
            .AddConnectorResilience(QuickBooksOnlineClient.Connector)
            .AddHttpMessageHandler<QuickBooksOnlineAuthHandler>()
            .AddHttpMessageHandler<RateGovernorHandler>();
    }
}
