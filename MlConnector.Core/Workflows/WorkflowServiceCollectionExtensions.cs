using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Core.Workflows;

/// <summary>Registers workflows, activities and what every host's engine adapter needs of them.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="WorkflowRegistry"/>, the <see cref="WorkflowActivityInvoker"/> and, until a host replaces it,
    /// the <see cref="NoWorkflowEngineClient"/>. Each host adds its engine and its <see cref="IWorkflowClient"/>: the
    /// Durable Task Framework under <c>mlconnector serve</c>, Durable Functions in the Azure Functions app.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WorkflowRegistry(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetServices<WorkflowRegistration>()));
        services.TryAddSingleton<WorkflowActivityInvoker>();
        services.TryAddSingleton<IWorkflowClient, NoWorkflowEngineClient>();
        return services;
    }

    /// <summary>
    /// Adds what enforces paused connections and admission per connection on both engines (needs the connection store and
    /// table storage): the <see cref="ConnectionPauseGate"/>, its <see cref="HeldWorkStore"/>, the <see cref="WorkflowAdmission"/>
    /// with its <see cref="WorkflowAdmissionOptions"/> (section <c>Admission</c>) and the <see cref="HeldWorkReleaseJob"/> schedule.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddConnectionPauseGate(this IServiceCollection services)
    {
        services.AddOptions<WorkflowAdmissionOptions>().BindConfiguration(WorkflowAdmissionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WorkflowAdmission>();
        services.TryAddSingleton<HeldWorkStore>();
        services.TryAddSingleton<ConnectionPauseGate>();
        services.TryAddSingleton<HeldWorkReleaseJob>();
        services.AddScheduledJob<HeldWorkReleaseJob>();
        return services;
    }

    /// <summary>
    /// Adds the retention purge of finished workflows: <see cref="WorkflowRetentionOptions"/> (section <c>Retention</c>) and the
    /// <see cref="WorkflowHistoryPurgeJob"/> schedule (<c>Schedules:WorkflowHistoryPurge</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddWorkflowHistoryRetention(this IServiceCollection services)
    {
        services.AddOptions<WorkflowRetentionOptions>().BindConfiguration(WorkflowRetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WorkflowHistoryPurgeJob>();
        services.AddScheduledJob<WorkflowHistoryPurgeJob>();
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
}
