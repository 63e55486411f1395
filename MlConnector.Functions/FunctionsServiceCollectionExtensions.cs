using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions;

/// <summary>Registers the Functions app's own services, next to <c>AddMlConnectorCore</c>.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Adds the Durable activity runner that every activity function uses.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddMlConnectorFunctions(this IServiceCollection services)
    {
        services.TryAddSingleton<DurableActivityRunner>();
        return services;
    }
}
