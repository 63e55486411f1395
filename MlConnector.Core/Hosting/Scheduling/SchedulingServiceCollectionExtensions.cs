using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MlConnector.Core.Hosting.Scheduling;

/// <summary>Registers scheduled jobs and, for the standalone host, the cron scheduler that runs them.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Registers a job; its cron expression comes from <c>Schedules:{job.Name}</c>.</summary>
    /// <typeparam name="TJob">The job type.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services)
        where TJob : class, IScheduledJob
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IScheduledJob, TJob>());
        return services;
    }

    /// <summary>Runs the registered jobs on their schedules in this process (standalone host only; Functions uses timer triggers).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCronScheduler(this IServiceCollection services)
    {
        services.AddHostedService<CronSchedulerService>();
        return services;
    }
}
