using Microsoft.Extensions.Hosting;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Drives <see cref="TableWorkflowRunner"/> in the standalone host: on start it resumes every instance that was
/// pending or running (after the leases of a killed process expire), then runs work as it comes due.
/// Registered by <see cref="WorkflowServiceCollectionExtensions.AddWorkflowRunnerHost"/>; the Azure Functions host uses Durable instead.
/// </summary>
/// <param name="runner">The runner.</param>
/// <param name="logger">The logger.</param>
internal sealed class WorkflowRunnerHostedService(TableWorkflowRunner runner, ILogger<WorkflowRunnerHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
            {
                logger.WorkflowRunnerLoopFailed(ex);
            }

            try
            {
                await runner.WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
