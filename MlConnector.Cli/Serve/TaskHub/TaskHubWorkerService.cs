using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlConnector.Core.Intake;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// Runs the Durable Task Framework worker of <c>mlconnector serve</c>: creates the task hub if needed (queues, tables and
/// lease blobs in the configured storage), registers every Core workflow under its orchestrator name and every Core
/// activity under its own, and dispatches their work items until the host stops.
/// </summary>
/// <remarks>
/// The worker starts in the background and keeps retrying (5 s, doubling to 1 min) while storage is unreachable, so the
/// host still comes up and its health endpoint says what is wrong instead of the process failing to start. On stop the
/// worker finishes the work items it holds (graceful); when the host's shutdown timeout runs out first, running
/// activities are cancelled and their work items abandoned, so a live worker (or this one after a restart) runs them
/// again. Failures propagate as failure details (<see cref="ErrorPropagationMode.UseFailureDetails"/>), which the task
/// hub stores as <c>"{ErrorType}: {ErrorMessage}"</c> for <see cref="TaskHubWorkflowClient"/> to read back.
/// </remarks>
internal sealed class TaskHubWorkerService(
    AzureStorageOrchestrationService service,
    AzureStorageOrchestrationServiceSettings settings,
    WorkflowRegistry registry,
    IServiceProvider services,
    WorkflowActivityInvoker invoker,
    ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<TaskHubWorkerService>();
    private TaskHubWorker? _worker;
    private Task? _starting;

    /// <summary>True between a successful start and the stop.</summary>
    public bool IsRunning => Volatile.Read(ref _worker) is not null && !_stopping.IsCancellationRequested;

    /// <summary>Why the last start attempt failed, while the worker is not running; null otherwise.</summary>
    public string? StartError { get; private set; }

    /// <summary>The middleware that holds the engine's work items while the webhook intake is under pressure; null until started or without an intake.</summary>
    public TaskHubIntakePriority? IntakePriority { get; private set; }

    /// <summary>This process's identity in the task hub's partition leases.</summary>
    public string WorkerId => settings.WorkerId;

    /// <summary>Makes the first start attempt; when it fails, the host starts anyway and the attempts go on in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _starting = StartWithRetryAsync(firstAttempt, _stopping.Token);
        await firstAttempt.Task.WaitAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_starting is not null)
        {
            await _starting;
        }

        if (Volatile.Read(ref _worker) is not { } worker)
        {
            return;
        }

        var stop = worker.StopAsync(isForced: false);
        if (await Task.WhenAny(stop, Task.Delay(Timeout.Infinite, cancellationToken)) != stop)
        {
            // Out of time: what still runs is cancelled and abandoned, and runs again on a live worker.
            await _abort.CancelAsync();
            await worker.StopAsync(isForced: true);
        }
    }

    public void Dispose()
    {
        _worker?.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
    }

    private async Task StartWithRetryAsync(TaskCompletionSource firstAttempt, CancellationToken stopping)
    {
        try
        {
            await StartWithRetryCoreAsync(firstAttempt, stopping);
        }
        finally
        {
            firstAttempt.TrySetResult();
        }
    }

    private async Task StartWithRetryCoreAsync(TaskCompletionSource firstAttempt, CancellationToken stopping)
    {
        for (var delay = FirstRetry; !stopping.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks)))
        {
            try
            {
                await service.CreateIfNotExistsAsync();
                var worker = CreateWorker(_abort.Token);
                await worker.StartAsync();
                Volatile.Write(ref _worker, worker);
                StartError = null;
                _logger.TaskHubWorkerStarted(settings.WorkerId, settings.TaskHubName, settings.PartitionCount, registry.WorkflowNames.Count, registry.ActivityNames.Count);
                return;
            }
            catch (Exception ex)
            {
                StartError = $"{ex.GetType().Name}: {ex.Message}";
                if (stopping.IsCancellationRequested)
                {
                    // A stop that comes while a start attempt fails (the storage went away with the host) ends the
                    // attempts; the failure is the start's, recorded above, and must not fail the stop.
                    return;
                }

                _logger.TaskHubWorkerStartFailed(ex, settings.TaskHubName, delay);
            }

            firstAttempt.TrySetResult();

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TaskHubWorker CreateWorker(CancellationToken abort)
    {
        var worker = new TaskHubWorker(service, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };

        // With the webhook intake in this host, its acknowledgements go first on the storage both use.
        if (services.GetService<WebhookIntakeAdmission>() is { } admission)
        {
            var intakePriority = IntakePriority = new TaskHubIntakePriority(
                admission,
                services.GetRequiredService<IOptions<TaskHubOptions>>().Value.IntakePriorityHold,
                services.GetService<TimeProvider>() ?? TimeProvider.System);
            worker.AddOrchestrationDispatcherMiddleware(intakePriority.InvokeAsync);
            worker.AddActivityDispatcherMiddleware(intakePriority.InvokeAsync);
        }

        var scopeFactory = services.GetRequiredService<IServiceScopeFactory>();
        var activityLogger = loggerFactory.CreateLogger<TaskHubWorkflowActivity>();
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
                () => new TaskHubWorkflowActivity(type, scopeFactory, invoker, settings.WorkerId, activityLogger, abort)));
        }

        return worker;
    }
}
