using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MlConnector.Core.Intake;

/// <summary>Registers the webhook intake: the recorder and dispatcher both hosts use, and <c>serve</c>'s poller.</summary>
public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the validated <see cref="WebhookIntakeOptions"/> (section <c>Intake</c>), <see cref="WebhookIntakeQueues"/>,
    /// <see cref="WebhookIntake"/> with its <see cref="WebhookIntakeGroupCommit"/>, <see cref="WebhookDeliveryDispatcher"/> and the per-connection <see cref="WebhookRateLimits"/>
    /// (<see cref="WebhookRateLimitOptions"/>, section <c>Intake:RateLimit</c>). The queue service client comes from
    /// <c>AddMlConnectorCore</c>; vendors add their handlers with <see cref="AddWebhookDeliveryHandler{T}"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddWebhookIntake(this IServiceCollection services)
    {
        services.AddOptions<WebhookIntakeOptions>().BindConfiguration(WebhookIntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WebhookIntakeQueues>();
        services.TryAddSingleton<WebhookIntakeSignal>();
        services.TryAddSingleton<WebhookIntakeAdmission>();
        services.TryAddSingleton<WebhookIntakeGroupCommit>();
        services.TryAddSingleton<WebhookIntake>();
        services.TryAddSingleton<WebhookDispatchSlots>();
        services.TryAddSingleton<WebhookDeliveryDispatcher>();
        services.AddOptions<WebhookRateLimitOptions>().BindConfiguration(WebhookRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WebhookRateLimits>();
        return services;
    }

    /// <summary>Adds a vendor's handler: the singleton <typeparamref name="T"/>, also as an <see cref="IWebhookDeliveryHandler"/>.</summary>
    /// <typeparam name="T">The handler (usually the vendor's webhook endpoint class, which verifies, records and later dispatches).</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddWebhookDeliveryHandler<T>(this IServiceCollection services)
        where T : class, IWebhookDeliveryHandler
    {
        services.TryAddSingleton<T>();
        services.AddSingleton<IWebhookDeliveryHandler>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>Adds <see cref="WebhookIntakePoller"/> as a hosted service: the standalone host's dispatcher (the Functions app has a queue trigger instead).</summary>
    /// <param name="services">The services (with <see cref="AddWebhookIntake"/> applied).</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddWebhookIntakePoller(this IServiceCollection services)
    {
        services.TryAddSingleton<WebhookIntakePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookIntakePoller>());
        return services;
    }
}
