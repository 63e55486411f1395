using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>Registers the standalone host's workflow engine: the Durable Task Framework over an Azure Storage task hub.</summary>
internal static class TaskHubServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TaskHubOptions"/> (section <c>Workflows</c>, validated on start), the task hub's orchestration
    /// service over <c>Storage:ConnectionString</c> (or the Blob, Queue and Table service URIs with the Azure identity),
    /// the <see cref="IWorkflowClient"/> over it, the worker as a hosted service and its health check.
    /// </summary>
    /// <param name="services">The service collection (with <c>AddMlConnectorCore</c> already applied).</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddTaskHubWorkflows(this IServiceCollection services)
    {
        services.AddOptions<TaskHubOptions>().BindConfiguration(TaskHubOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => CreateSettings(
            sp.GetRequiredService<IOptions<TaskHubOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new AzureStorageOrchestrationService(sp.GetRequiredService<AzureStorageOrchestrationServiceSettings>()));
        services.RemoveAll<IWorkflowClient>();
        services.AddSingleton<IWorkflowClient, TaskHubWorkflowClient>();
        services.TryAddSingleton<TaskHubWorkerService>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubWorkerService>());
        services.AddHealthChecks().AddCheck<TaskHubHealthCheck>(TaskHubHealthCheck.Name, timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>The task hub name used when none is configured: <c>{Storage:TablePrefix}hub</c>.</summary>
    /// <param name="storage">The storage settings.</param>
    /// <returns>The name.</returns>
    public static string DefaultTaskHubName(StorageOptions storage) => storage.TablePrefix + "hub";

    private static AzureStorageOrchestrationServiceSettings CreateSettings(TaskHubOptions options, StorageOptions storage, ILoggerFactory loggerFactory) => new()
    {
        StorageAccountClientProvider = CreateClientProvider(storage),
        TaskHubName = string.IsNullOrWhiteSpace(options.TaskHubName) ? DefaultTaskHubName(storage) : options.TaskHubName,
        PartitionCount = options.PartitionCount,
        MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
        ControlQueueVisibilityTimeout = options.VisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
        LeaseInterval = options.LeaseInterval,
        LeaseRenewInterval = options.LeaseRenewInterval,
        LeaseAcquireInterval = options.LeaseRenewInterval,
        MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        ExtendedSessionsEnabled = options.ExtendedSessions,
        ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
        WorkerId = string.IsNullOrWhiteSpace(options.WorkerId)
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}")
            : options.WorkerId,
        // The table partition manager: Durable Functions 3's default, and the one that survives split brain.
        UseTablePartitionManagement = true,
        ThrowExceptionOnInvalidDedupeStatus = true,
        LoggerFactory = loggerFactory,
    };

    private static StorageAccountClientProvider CreateClientProvider(StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return new StorageAccountClientProvider(storage.ConnectionString);
        }

        if (storage.BlobServiceUri is { } blob && storage.QueueServiceUri is { } queue && storage.TableServiceUri is { } table)
        {
            return new StorageAccountClientProvider(blob, queue, table, new DefaultAzureCredential());
        }

        throw new InvalidOperationException(
            "The workflow task hub needs Storage:ConnectionString, or Storage:BlobServiceUri, Storage:QueueServiceUri and Storage:TableServiceUri (with the Azure identity).");
    }
}
