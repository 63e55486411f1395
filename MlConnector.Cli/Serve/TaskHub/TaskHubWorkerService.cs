using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Hosting;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// Runs the Durable Task Framework worker of <c>mlconnector serve</c>: creates the task hub if needed (queues, tables and
/// lease blobs in the configured storage), registers every Core workflow under its orchestrator name and every Core
/// activity under its own, and dispatches their work items until the host stops.
/// </summary>
/// <remarks>
/// On stop the worker finishes the work items it holds (graceful); when the host's shutdown timeout runs out first,
/// running activities are cancelled and their work items abandoned, so another process (or this one after a restart)
/// runs them again. Failures propagate as failure details (<see cref="ErrorPropagationMode.UseFailureDetails"/>), which
/// the task hub stores as <c>"{ErrorType}: {ErrorMessage}"</c> for <see cref="TaskHubWorkflowClient"/> to read back.
/// </remarks>
internal sealed class TaskHubWorkerService(
    AzureStorageOrchestrationService service,
    AzureStorageOrchestrationServiceSettings settings,
    WorkflowRegistry registry,
    IServiceProvider services,
    WorkflowActivityInvoker invoker,
    ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private TaskHubWorker? _worker;

    /// <summary>True between a successful start and the stop.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>This process's identity in the task hub's partition leases.</summary>
    public string WorkerId => settings.WorkerId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        var scopeFactory = services.GetRequiredService<IServiceScopeFactory>();
        foreach (var name in registry.WorkflowNames)
        {
            var type = registry.FindWorkflow(name)!;
            worker.AddTaskOrchestrations(new DelegateObjectCreator<TaskOrchestration>(
                WorkflowOrchestratorNames.OrchestratorFor(name),
                () => new TaskHubWorkflowOrchestration((IWorkflow)services.GetRequiredService(type), loggerFactory)));
        }

        foreach (var name in registry.ActivityNames)
        {
            var type = registry.FindActivity(name)!;
            worker.AddTaskActivities(new DelegateObjectCreator<TaskActivity>(
                name,
                () => new TaskHubWorkflowActivity(type, scopeFactory, invoker, _stopping.Token)));
        }

        await worker.StartAsync();
        _worker = worker;
        IsRunning = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not { } worker)
        {
            return;
        }

        IsRunning = false;
        var stop = worker.StopAsync(isForced: false);
        if (await Task.WhenAny(stop, Task.Delay(Timeout.Infinite, cancellationToken)) != stop)
        {
            // Out of time: cancel what still runs; its work items are abandoned and run again later.
            await _stopping.CancelAsync();
            await worker.StopAsync(isForced: true);
        }
    }

    public void Dispose()
    {
        _worker?.Dispose();
        _stopping.Dispose();
    }
}
