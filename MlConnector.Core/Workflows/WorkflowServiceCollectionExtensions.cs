using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Workflows;

/// <summary>Registers workflows, activities, the workflow client and the standalone runner.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WorkflowOptions"/> (section <c>Workflows</c>, validated on start), the Table Storage
    /// <see cref="IWorkflowClient"/> and the <see cref="TableWorkflowRunner"/>. Needs a <see cref="TableProvider"/>
    /// (from <c>AddMlConnectorCore</c>). The Functions host replaces <see cref="IWorkflowClient"/> with its Durable adapter.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WorkflowStore(sp.GetRequiredService<TableProvider>()));
        services.TryAddSingleton(sp => new WorkflowRegistry(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetServices<WorkflowRegistration>()));
        services.TryAddSingleton(_ => new WorkflowWorkSignal());
        services.TryAddSingleton<IWorkflowClient>(sp => new TableWorkflowClient(
            sp.GetRequiredService<WorkflowStore>(),
            sp.GetRequiredService<WorkflowRegistry>(),
            sp.GetRequiredService<WorkflowWorkSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<TableWorkflowClient>>() ?? NullLogger<TableWorkflowClient>.Instance));
        services.TryAddSingleton(sp => new TableWorkflowRunner(
            sp.GetRequiredService<WorkflowStore>(),
            sp.GetRequiredService<WorkflowRegistry>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<WorkflowWorkSignal>(),
            sp.GetRequiredService<IOptions<WorkflowOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }

    /// <summary>Registers a workflow under its <see cref="IWorkflow.Name"/>.</summary>
    /// <typeparam name="TWorkflow">The workflow; it takes no I/O dependencies.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddWorkflow<TWorkflow>(this IServiceCollection services)
        where TWorkflow : class, IWorkflow
    {
        services.TryAddTransient<TWorkflow>();
        services.AddSingleton(new WorkflowRegistration(typeof(TWorkflow), IsActivity: false));
        return services;
    }

    /// <summary>Registers an activity under its <see cref="IWorkflowActivity.Name"/>; it is resolved from a new scope per attempt.</summary>
    /// <typeparam name="TActivity">The activity.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddWorkflowActivity<TActivity>(this IServiceCollection services)
        where TActivity : class, IWorkflowActivity
    {
        services.TryAddScoped<TActivity>();
        services.AddSingleton(new WorkflowRegistration(typeof(TActivity), IsActivity: true));
        return services;
    }

    /// <summary>
    /// Runs the <see cref="TableWorkflowRunner"/> as a hosted service (standalone host only; the Functions host runs
    /// workflows as Durable orchestrations instead).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddWorkflowRunnerHost(this IServiceCollection services)
    {
        services.AddWorkflows();
        services.AddHostedService<WorkflowRunnerHostedService>();
        services.AddHealthChecks().AddCheck<WorkflowRunnerHealthCheck>(WorkflowRunnerHealthCheck.Name, timeout: TimeSpan.FromSeconds(5));
        return services;
    }
}
