using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>Registers the FreshBooks webhook intake.</summary>
public static class FreshBooksIntakeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FreshBooksWebhookApi"/> (the intake's <c>freshbooks</c> handler), <see cref="FreshBooksCallbackVerifiers"/>
    /// and <see cref="FreshBooksCallbackRegistration"/>. Integrations add their <see cref="IFreshBooksChangeHandler"/> with
    /// <see cref="AddFreshBooksChangeHandler{T}"/>; the FreshBooks connector and the webhook intake come from <c>AddMlConnectorCore</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddFreshBooksIntake(this IServiceCollection services)
    {
        services.TryAddSingleton<FreshBooksCallbackVerifiers>();
        services.TryAddSingleton<FreshBooksCallbackRegistration>();
        services.AddWebhookDeliveryHandler<FreshBooksWebhookApi>();
        return services;
    }

    /// <summary>Adds an integration kind's handler of FreshBooks events.</summary>
    /// <typeparam name="T">The handler.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddFreshBooksChangeHandler<T>(this IServiceCollection services)
        where T : class, IFreshBooksChangeHandler
    {
        services.TryAddSingleton<T>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFreshBooksChangeHandler, T>(sp => sp.GetRequiredService<T>()));
        return services;
    }
}
