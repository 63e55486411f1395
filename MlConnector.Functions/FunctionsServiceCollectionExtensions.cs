using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions;

/// <summary>Registers the Functions app's own services, after <c>AddMlConnectorCore</c>.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Durable activity runner that every activity function uses and <see cref="DurableClientServices"/>
    /// (scoped, per invocation), and replaces Core's Table Storage <see cref="IWorkflowClient"/> with
    /// <see cref="UnboundWorkflowClient"/>: in Azure, workflows start only through an invocation's Durable client.
    /// </summary>
    /// <param name="services">The service collection (Core already added).</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddMlConnectorFunctions(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkflowActivityInvoker>();
        services.TryAddScoped<DurableClientServices>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowClient, UnboundWorkflowClient>());
        return services;
    }
}
