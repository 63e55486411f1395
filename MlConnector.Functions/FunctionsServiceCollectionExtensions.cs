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
    /// (scoped, per invocation), and makes the process-wide <see cref="IWorkflowClient"/> a
    /// <see cref="NoWorkflowEngineClient"/> that names <see cref="DurableClientServices"/>: in Azure, workflows start only
    /// through an invocation's Durable client, and an instance started anywhere else would never run here.
    /// </summary>
    /// <param name="services">The service collection (Core already added).</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddMlConnectorFunctions(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkflowActivityInvoker>();
        services.TryAddScoped<DurableClientServices>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowClient>(new NoWorkflowEngineClient(DurableClientServices.UnboundClientMessage)));
        return services;
    }
}
